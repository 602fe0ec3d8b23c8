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

/**
 * JSON, form and text bodies, each kept raw beside the parsed value. An empty JSON body parses as
 * "no body" so `POST` without one works with any client. `/api/*` refuses anything but JSON with 415
 * (a text or form flow would otherwise fail schema validation with a misleading message). Callbacks
 * whose sender forgot the content type are parsed as JSON when the body is JSON, so the signature is
 * checked over the fields the sender signed.
 */
export function installBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(/^application\/(.+\+)?json/, { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    request.rawBody = text;
    try {
      done(null, parseJson(text));
    } catch (error) {
      done(error as JunctionError, undefined);
    }
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (request, body, done) => {
      if (isApi(request)) return done(unsupported(request), undefined);
      request.rawBody = body as string;
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    request.rawBody = text;
    if (isApi(request)) return done(text === '' ? null : unsupported(request), undefined);
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
