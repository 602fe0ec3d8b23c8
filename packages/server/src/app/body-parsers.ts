import {
  type BodyCharsets,
  charsetOf,
  credentialCharsetApplies,
  decodeText,
  parseForm,
  readInBodyCharset,
  xmlToJson,
} from '@junction/nodes';
import { JunctionError } from '@junction/runtime';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from './fastify-augmentations.ts';
import { assertJsonDepth } from './json-depth.ts';
import { assertFiniteNumbers } from './json-finite.ts';

/** The REST API speaks JSON only; ingress (`/hooks`, `/callbacks`) takes what senders send. */
function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function unsupported(request: FastifyRequest): JunctionError {
  const type = request.headers['content-type'] ?? '(none)';
  return new JunctionError(
    'JX_UNSUPPORTED_MEDIA_TYPE',
    `The API accepts JSON bodies only; send this one as application/json (got ${type}).`,
    { contentType: type },
  );
}

/** "the webhook body", "the callback body" or "the request body", for error messages. */
function bodyName(request: FastifyRequest): string {
  if (request.url.startsWith('/hooks/')) return 'the webhook body';
  if (request.url.startsWith('/callbacks/')) return 'the callback body';
  return 'the request body';
}

/** Webhook and callback ingress, whose bodies may be read again in the verifying credential's charset. */
function isIngress(request: FastifyRequest): boolean {
  return request.url.startsWith('/hooks/') || request.url.startsWith('/callbacks/');
}

/**
 * The body's text in the charset `readInBodyCharset` picks (the Content-Type's, else utf-8; with a
 * credential's charset where the Content-Type names none or says utf-8 over bytes that are not),
 * decoded fatally: an unknown charset is `JX_UNSUPPORTED_CHARSET` (415), bytes invalid in it
 * `JX_BODY_MALFORMED` (400) with their offset.
 */
function bodyText(request: FastifyRequest, bytes: Buffer, charsets: BodyCharsets): string {
  return readInBodyCharset(charsets, (charset) => decodeText(bytes, charset, { what: bodyName(request) }));
}

/** Parses a JSON text after the depth check; an empty text is "no body". */
function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  assertJsonDepth(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new JunctionError(
      'JX_BAD_JSON',
      `The request body is not valid JSON: ${(error as Error).message}`,
      {},
    );
  }
  assertFiniteNumbers(text, value);
  return value;
}

/** A body that is JSON by its shape, whatever its (missing) content type says. */
function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

type Done = (error: Error | null, body?: unknown) => void;

type Parse = (request: FastifyRequest, bytes: Buffer, charsets: BodyCharsets) => unknown;

/**
 * Runs a parser over the body's bytes, keeping them as `rawBody`; a coded error answers 4xx. On
 * ingress, where the Content-Type names no charset or says utf-8, the verifying credential's charset
 * may still change the reading: the route reads the body through `ingressBody`, which parses it again
 * with that charset (`request.reparseBody`) or raises the error kept here (`request.bodyError`).
 */
function parseWith(parse: Parse) {
  return (request: FastifyRequest, body: string | Buffer, done: Done) => {
    const bytes = body as Buffer;
    request.rawBody = bytes;
    const declared = charsetOf(request.headers['content-type']);
    const charsets: BodyCharsets = declared ? { declared } : {};
    const deferrable = isIngress(request) && credentialCharsetApplies(declared);
    if (deferrable) request.reparseBody = (credential) => parse(request, bytes, { ...charsets, credential });
    try {
      done(null, parse(request, bytes, charsets));
    } catch (error) {
      // Only bytes invalid in the charset tried: anything else (bad JSON, XML) fails the same in any charset.
      if (deferrable && error instanceof JunctionError && error.code === 'JX_BODY_MALFORMED') {
        request.bodyError = error;
        return done(null, undefined);
      }
      done(error as Error, undefined);
    }
  };
}

const XML_TYPES = /^(?:text\/xml|application\/xml|[\w.+-]+\/[\w.-]+\+xml)\s*(?:;|$)/i;

/**
 * JSON, form, XML and text bodies, each kept raw (as the bytes received, for verification) beside the
 * parsed value, and decoded in the charset their Content-Type names — GBK, GB18030, Big5 … — never with
 * U+FFFD. XML (`text/xml`, `application/xml`, `*\/*+xml`) becomes JSON by the one mapping of
 * `@junction/nodes`' `xmlToJson` (DOCTYPE refused, malformed XML a 400 with line and column). An empty
 * JSON body parses as "no body" so `POST` without one works with any client. `/api/*` refuses anything
 * but JSON with 415 (a text or form flow would otherwise fail schema validation with a misleading
 * message). Callbacks whose sender forgot the content type are parsed as JSON when the body is JSON, so
 * the signature is checked over the fields the sender signed.
 */
export function installBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    /^application\/(.+\+)?json/,
    { parseAs: 'buffer' },
    parseWith((request, bytes, charsets) => parseJson(bodyText(request, bytes, charsets))),
  );
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer' },
    parseWith((request, bytes, charsets) => {
      if (isApi(request)) throw unsupported(request);
      return readInBodyCharset(charsets, (charset) => parseForm(bytes, charset, { what: bodyName(request) }));
    }),
  );
  app.addContentTypeParser(
    XML_TYPES,
    { parseAs: 'buffer' },
    parseWith((request, bytes, charsets) => {
      if (isApi(request)) throw unsupported(request);
      const text = bodyText(request, bytes, charsets);
      return text.trim() === '' ? undefined : xmlToJson(text, { what: bodyName(request) });
    }),
  );
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    if (isApi(request)) {
      request.rawBody = body as Buffer;
      return done((body as Buffer).length === 0 ? null : unsupported(request), undefined);
    }
    parseWith(parseOther)(request, body, done);
  });
}

/**
 * A body of any other type: its text — or, on a callback whose sender forgot the content type, the
 * JSON it is, so the signature is checked over the fields the sender signed.
 */
function parseOther(request: FastifyRequest, bytes: Buffer, charsets: BodyCharsets): unknown {
  const text = bodyText(request, bytes, charsets);
  if (request.url.startsWith('/callbacks/') && looksLikeJson(text)) {
    try {
      assertJsonDepth(text);
      const value: unknown = JSON.parse(text);
      assertFiniteNumbers(text, value);
      return value;
    } catch (error) {
      if (error instanceof JunctionError) throw error;
      // Not JSON after all: the verifier sees the text as sent.
    }
  }
  return text;
}
