import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { errorLocale } from '../i18n/localize-error-body.ts';
import { type ErrorBody, errorBody, errorBodyFor } from './error-handler.ts';
import { RAW_ANSWER_SECURITY_HEADERS } from './security-headers.ts';

const SECURITY_HEADER_LINES = Object.entries(RAW_ANSWER_SECURITY_HEADERS)
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('');

/** A request line longer than this, cut off by Node's header limit, is a URL problem rather than a header one. */
const LONG_REQUEST_LINE = 8 * 1024;

/** An error of Node's HTTP parser as `clientError` hands it over. */
export interface ClientError extends Error {
  code?: string;
  /** The bytes received so far (a Buffer at run time; Fastify's types describe it loosely). */
  rawPacket?: unknown;
}

/** True when the bytes Node received hold no complete request line: the URL alone was too long. */
function requestLineTooLong(packet: unknown): boolean {
  if (!Buffer.isBuffer(packet)) return false;
  const end = packet.indexOf('\r\n');
  return end === -1 ? packet.length > LONG_REQUEST_LINE : end > LONG_REQUEST_LINE;
}

/** The `Accept-Language` header among the bytes received so far, if it arrived whole. */
function acceptLanguageOf(packet: unknown): string | undefined {
  if (!Buffer.isBuffer(packet)) return undefined;
  const match = /\r\naccept-language:[ \t]*([^\r\n]*)\r\n/i.exec(packet.toString('latin1'));
  return match?.[1];
}

/**
 * What to answer a request Node could not even parse (it never reaches Fastify's routes or error
 * handler): 431 `JX_HEADERS_TOO_LARGE`, 414 `JX_URI_TOO_LONG` when the request line alone overflows,
 * 408 `JX_REQUEST_TIMEOUT`, otherwise 400 `JX_BAD_HTTP_REQUEST` with Node's parser code in `details`.
 */
export function describeClientError(error: ClientError): { status: number; body: ErrorBody } {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    if (requestLineTooLong(error.rawPacket)) {
      return {
        status: 414,
        body: errorBody(
          'JX_URI_TOO_LONG',
          'The URL is too long; send long data in the request body instead.',
        ),
      };
    }
    return {
      status: 431,
      body: errorBody(
        'JX_HEADERS_TOO_LARGE',
        'The request headers are larger than the server accepts (16 KB in all); send large values in the body.',
      ),
    };
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: 408,
      body: errorBody('JX_REQUEST_TIMEOUT', 'The request took too long to arrive; send it again.'),
    };
  }
  return {
    status: 400,
    body: errorBody(
      'JX_BAD_HTTP_REQUEST',
      'The request is not valid HTTP/1.1 (check the request line, header syntax and Content-Length).',
      { reason: error.code ?? 'unknown' },
    ),
  };
}

/**
 * Fastify's `clientErrorHandler`: answers requests Node's HTTP parser refused in Junction's error
 * shape, then closes the connection (the parser cannot resume on it). Replaces Fastify's default,
 * whose `{error, message, statusCode}` body has no code.
 */
export function handleClientError(error: ClientError, socket: Socket): void {
  // A reset connection has nobody left to answer (https://nodejs.org/api/http.html#event-clienterror).
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const { status, body } = describeClientError(error);
    // The parser stopped early, but a language header that arrived whole is still honoured.
    const acceptLanguage = acceptLanguageOf(error.rawPacket);
    const text = JSON.stringify(errorBodyFor(body, acceptLanguage));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Language: ${errorLocale(acceptLanguage)}\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\n${SECURITY_HEADER_LINES}Connection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
