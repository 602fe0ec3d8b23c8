import { JunctionError, type SchemaError } from '@junction/runtime';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorLocale, localizeErrorBody } from '../i18n/localize-error-body.ts';
import { fromFastifyError } from './fastify-errors.ts';
import { statusForCode } from './http-status.ts';

/** The JSON error body every route answers with. */
export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

/**
 * Marks bodies the server built itself, so only those are translated: a flow's own answer that
 * happens to look like an error body is the flow author's words. A symbol key is not serialised.
 */
const SERVER_ERROR = Symbol('junction.serverError');

interface Marked {
  [SERVER_ERROR]?: { schemaErrors?: readonly SchemaError[] };
}

/** Builds the error body from a code, sentence and details. */
export function errorBody(
  code: string,
  message: string,
  details: Record<string, unknown> = {},
  schemaErrors?: readonly SchemaError[],
): ErrorBody {
  const body: ErrorBody & Marked = { error: { code, message, details } };
  Object.defineProperty(body, SERVER_ERROR, { value: { schemaErrors }, enumerable: false });
  return body;
}

/** The body in the language `acceptLanguage` asks for (see {@link localizeErrorBody}); English by default. */
export function errorBodyFor(body: ErrorBody, acceptLanguage: string | string[] | undefined): ErrorBody {
  const mark = (body as Marked)[SERVER_ERROR];
  return mark ? localizeErrorBody(body, errorLocale(acceptLanguage), mark.schemaErrors) : body;
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
  if (mapped) {
    const schemaErrors = (error as FastifyError).validation as SchemaError[] | undefined;
    return {
      status: mapped.status,
      body: errorBody(mapped.code, mapped.message, mapped.details, schemaErrors),
    };
  }
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
  // Router errors (`frameworkErrors`) are answered outside any route, where no hook runs.
  return reply.status(status).send(inRequestLanguage(body, request, reply));
}

/**
 * Installs the error handler: every failure leaves the server as `{error: {code, message, details}}`
 * with a status that matches the code. Router errors (`frameworkErrors`, e.g. an over-long path
 * parameter) are routed here by `buildApp`. Every error body the server built (here, in routes and
 * at the ingress) is sent in the language of the request's `Accept-Language`; the code never changes.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply));
  app.addHook('preSerialization', async (request, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== 'object' || payload === null) return payload;
    return inRequestLanguage(payload as ErrorBody, request, reply);
  });
}

/**
 * A body the server built, in the language the request asks for, with `Content-Language` and
 * `Vary: Accept-Language` set; anything else (a flow's own answer) unchanged.
 */
function inRequestLanguage(body: ErrorBody, request: FastifyRequest, reply: FastifyReply): ErrorBody {
  if (!(body as Marked)[SERVER_ERROR]) return body;
  const header = request.headers['accept-language'];
  reply.header('content-language', errorLocale(header));
  reply.header('vary', varyWith(reply.getHeader('vary'), 'Accept-Language'));
  return errorBodyFor(body, header);
}

/** A `Vary` header value that also names `field`. */
function varyWith(current: unknown, field: string): string {
  const listed = typeof current === 'string' && current.length > 0 ? current : undefined;
  if (!listed) return field;
  return listed
    .toLowerCase()
    .split(/\s*,\s*/)
    .includes(field.toLowerCase())
    ? listed
    : `${listed}, ${field}`;
}
