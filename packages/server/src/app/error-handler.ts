import { JunctionError } from '@junction/runtime';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromFastifyError } from './fastify-errors.ts';
import { statusForCode } from './http-status.ts';

/** The JSON error body every route answers with. */
export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

/** Builds the error body from a code, sentence and details. */
export function errorBody(code: string, message: string, details: Record<string, unknown> = {}): ErrorBody {
  return { error: { code, message, details } };
}

/** Codes that mean "a dependency is away for a moment": 503 with `Retry-After`, details withheld. */
const UNAVAILABLE = new Set(['JX_STORE_UNAVAILABLE', 'JX_QUEUE_UNAVAILABLE', 'JX_RUN_HANDED_OVER']);

/** Seconds a caller should wait before retrying an answer about an unavailable dependency. */
export const RETRY_AFTER_SECONDS = 5;

/** The status, body and extra headers a thrown error answers with (logs unexpected ones). */
export function describeError(
  error: FastifyError | Error,
  request: FastifyRequest,
): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (error instanceof JunctionError) {
    const status = statusForCode(error.code);
    if (UNAVAILABLE.has(error.code)) {
      // The driver's words stay in the log: they describe our infrastructure, not the caller's request.
      request.log.warn({ code: error.code, reason: error.details.reason }, 'dependency unavailable');
      return {
        status: 503,
        body: errorBody(error.code, error.message, {}),
        headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
      };
    }
    if (status >= 500) request.log.error({ code: error.code, msg: error.message }, 'request failed');
    return { status, body: errorBody(error.code, error.message, error.details) };
  }
  const mapped = fromFastifyError(error as FastifyError);
  if (mapped) return { status: mapped.status, body: errorBody(mapped.code, mapped.message, mapped.details) };
  request.log.error({ err: { message: error.message, stack: error.stack } }, 'unexpected error');
  return {
    status: 500,
    body: errorBody('JX_INTERNAL', 'The server failed unexpectedly; the log has the details.', {}),
  };
}

/** Answers `reply` with the error's status and `{error: {code, message, details}}`. */
export function sendError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const { status, body, headers } = describeError(error, request);
  if (headers) reply.headers(headers);
  return reply.status(status).send(body);
}

/**
 * Installs the error handler: every failure leaves the server as `{error: {code, message, details}}`
 * with a status that matches the code. Router errors (`frameworkErrors`, e.g. an over-long path
 * parameter) are routed here by `buildApp`.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply));
}
