import type { FastifyInstance } from 'fastify';
import { redactQueryTokens } from '../logging/redact-query-token.ts';

/** Requests slower than this are logged (warn) even when they succeed. */
export const SLOW_REQUEST_MS = 1000;

/**
 * Logs failed (5xx) and slow requests only, one line each, with the token-free URL. Fastify's own
 * per-request lines (two per request) are turned off in `buildApp`: on the webhook hot path they
 * cost more CPU than the rest of the logging together.
 */
export function installRequestLog(app: FastifyInstance, slowMs = SLOW_REQUEST_MS): void {
  app.addHook('onResponse', (request, reply, done) => {
    const ms = reply.elapsedTime;
    const failed = reply.statusCode >= 500;
    if (failed || ms >= slowMs) {
      request.log[failed ? 'error' : 'warn'](
        {
          req: { method: request.method, url: redactQueryTokens(request.url) },
          statusCode: reply.statusCode,
          ms: Math.round(ms),
        },
        failed ? 'request failed' : 'slow request',
      );
    }
    done();
  });
}
