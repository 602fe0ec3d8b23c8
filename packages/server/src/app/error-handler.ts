import { JunctionError } from '@junction/runtime';
import type { FastifyError, FastifyInstance } from 'fastify';
import { statusForCode } from './http-status.ts';

/** The JSON error body every route answers with. */
export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

/** Builds the error body from a code, sentence and details. */
export function errorBody(code: string, message: string, details: Record<string, unknown> = {}): ErrorBody {
  return { error: { code, message, details } };
}

/** Fastify's own error codes, translated to Junction's so clients see one catalogue. */
function fromFastifyError(error: FastifyError): { status: number; body: ErrorBody } | undefined {
  if (error.validation) {
    const problems = error.validation.map((v) => ({
      pointer: v.instancePath || '/',
      message: v.message ?? 'is invalid',
      keyword: v.keyword,
    }));
    return {
      status: 400,
      body: errorBody(
        'JX_BAD_REQUEST',
        `The request ${error.validationContext ?? 'body'} is invalid: ${problems
          .map((p) => `${p.pointer} ${p.message}`)
          .join('; ')}.`,
        { problems, part: error.validationContext ?? 'body' },
      ),
    };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: errorBody('JX_PAYLOAD_TOO_LARGE', 'The request body is larger than the server accepts.', {}),
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: errorBody('JX_UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.', {}),
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: errorBody('JX_BAD_JSON', 'The request body is empty or malformed.', {}) };
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return {
      status: 400,
      body: errorBody('JX_BAD_JSON', `The request body is not valid JSON: ${error.message}`, {}),
    };
  }
  return undefined;
}

/**
 * Installs the error and not-found handlers: every failure leaves the server as
 * `{error: {code, message, details}}` with a status that matches the code.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof JunctionError) {
      const status = statusForCode(error.code);
      if (status >= 500) request.log.error({ code: error.code, msg: error.message }, 'request failed');
      return reply.status(status).send(errorBody(error.code, error.message, error.details));
    }
    const mapped = fromFastifyError(error);
    if (mapped) return reply.status(mapped.status).send(mapped.body);
    request.log.error({ err: { message: error.message, stack: error.stack } }, 'unexpected error');
    return reply
      .status(500)
      .send(errorBody('JX_INTERNAL', 'The server failed unexpectedly; the log has the details.', {}));
  });
}
