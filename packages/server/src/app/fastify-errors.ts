import type { FastifyError } from 'fastify';

/** A Fastify error translated to Junction's catalogue. */
export interface MappedError {
  status: number;
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/** Fastify codes with a Junction meaning of their own; other `FST_*` codes keep Fastify's status. */
const KNOWN: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [
    413,
    'JX_PAYLOAD_TOO_LARGE',
    'The request body is larger than the server accepts.',
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'JX_UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'JX_BAD_JSON', 'The request body is empty or malformed.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'JX_BAD_JSON', 'The request body is empty or malformed.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'JX_BAD_JSON', 'The request body is empty or malformed.'],
  FST_ERR_MAX_PARAM_LENGTH: [
    414,
    'JX_URI_TOO_LONG',
    'A path segment of the URL is too long; use a shorter id.',
  ],
  FST_ERR_BAD_URL: [400, 'JX_BAD_URL', 'The URL is malformed (check its percent-encoding).'],
};

function validationError(error: FastifyError): MappedError {
  const problems = (error.validation ?? []).map((v) => ({
    pointer: v.instancePath || '/',
    message: v.message ?? 'is invalid',
    keyword: v.keyword,
  }));
  const part = error.validationContext ?? 'body';
  return {
    status: 400,
    code: 'JX_BAD_REQUEST',
    message: `The request ${part} is invalid: ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}.`,
    details: { problems, part },
  };
}

/**
 * Fastify's own errors (validation, body parsing, routing: every `FST_*` code) translated to
 * Junction's codes, so clients see one catalogue and one error shape. Undefined for anything else.
 */
export function fromFastifyError(error: FastifyError): MappedError | undefined {
  if (error.validation) return validationError(error);
  const known = error.code ? KNOWN[error.code] : undefined;
  if (known) return { status: known[0], code: known[1], message: known[2], details: {} };
  if (error.code?.startsWith('FST_')) {
    const status = error.statusCode ?? 500;
    if (status >= 500) return undefined;
    return {
      status,
      code: 'JX_BAD_REQUEST',
      message: `The request was refused: ${error.message}`,
      details: {},
    };
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return {
      status: 400,
      code: 'JX_BAD_JSON',
      message: `The request body is not valid JSON: ${error.message}`,
      details: {},
    };
  }
  return undefined;
}
