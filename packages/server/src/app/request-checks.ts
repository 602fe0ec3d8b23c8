import { JunctionError } from '@junction/runtime';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** True when every `%xx` sequence of the query string decodes to UTF-8. */
function queryDecodes(query: string): boolean {
  if (!query.includes('%')) return true;
  for (const part of query.split(/[&=]/)) {
    try {
      decodeURIComponent(part);
    } catch {
      return false;
    }
  }
  return true;
}

function checkRequest(request: FastifyRequest): void {
  // Node refuses a missing Host itself with a bare 400; `requireHostHeader: false` hands it to us.
  if (request.raw.httpVersion !== '1.0' && request.headers.host === undefined) {
    throw new JunctionError(
      'JX_HOST_REQUIRED',
      'HTTP/1.1 requests must send a Host header (add `Host: <server name>`).',
      {},
    );
  }
  const mark = request.url.indexOf('?');
  if (mark !== -1 && !queryDecodes(request.url.slice(mark + 1))) {
    throw new JunctionError(
      'JX_BAD_URL',
      'The query string has a bad percent-encoding (e.g. %ff is not UTF-8); encode values as UTF-8 with encodeURIComponent.',
      { part: 'query' },
    );
  }
}

/**
 * Refuses, before any route runs, requests Fastify would otherwise let through half-understood:
 * HTTP/1.1 without `Host` (400 `JX_HOST_REQUIRED`) and query strings whose percent-encoding is not
 * UTF-8 (400 `JX_BAD_URL`; Fastify's parser would hand the flow a garbled value).
 */
export function installRequestChecks(app: FastifyInstance): void {
  // Callback style: no promise per request on the webhook hot path.
  app.addHook('onRequest', (request, _reply, done) => {
    try {
      checkRequest(request);
      done();
    } catch (error) {
      done(error as JunctionError);
    }
  });
}
