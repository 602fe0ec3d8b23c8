import { charsetOf, decodeText, parseForm, xmlToJson } from '@junction/nodes';
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

/**
 * The body's text in the Content-Type's charset (utf-8 when none), decoded fatally: an unknown charset
 * is `JX_UNSUPPORTED_CHARSET` (415), bytes invalid in it `JX_BODY_MALFORMED` (400) with their offset.
 */
function bodyText(request: FastifyRequest, bytes: Buffer): string {
  return decodeText(bytes, charsetOf(request.headers['content-type']), { what: bodyName(request) });
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

/** Runs a parser over the body's bytes, keeping them as `rawBody`; a coded error answers 4xx. */
function parseWith(parse: (request: FastifyRequest, bytes: Buffer) => unknown) {
  return (request: FastifyRequest, body: string | Buffer, done: Done) => {
    const bytes = body as Buffer;
    request.rawBody = bytes;
    try {
      done(null, parse(request, bytes));
    } catch (error) {
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
    parseWith((request, bytes) => parseJson(bodyText(request, bytes))),
  );
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer' },
    parseWith((request, bytes) => {
      if (isApi(request)) throw unsupported(request);
      return parseForm(bytes, charsetOf(request.headers['content-type']), { what: bodyName(request) });
    }),
  );
  app.addContentTypeParser(
    XML_TYPES,
    { parseAs: 'buffer' },
    parseWith((request, bytes) => {
      if (isApi(request)) throw unsupported(request);
      const text = bodyText(request, bytes);
      return text.trim() === '' ? undefined : xmlToJson(text, { what: bodyName(request) });
    }),
  );
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    request.rawBody = bytes;
    if (isApi(request)) return done(bytes.length === 0 ? null : unsupported(request), undefined);
    let text: string;
    try {
      text = bodyText(request, bytes);
    } catch (error) {
      return done(error as Error, undefined);
    }
    if (request.url.startsWith('/callbacks/') && looksLikeJson(text)) {
      try {
        assertJsonDepth(text);
        const value: unknown = JSON.parse(text);
        assertFiniteNumbers(text, value);
        return done(null, value);
      } catch (error) {
        if (error instanceof JunctionError) return done(error, undefined);
        // Not JSON after all: the verifier sees the text as sent.
      }
    }
    done(null, text);
  });
}
