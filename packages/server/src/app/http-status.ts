/**
 * Maps stable error codes to HTTP statuses. Codes are matched exactly first, then by suffix, so a
 * new `JX_…_NOT_FOUND` code from any package answers 404 without touching this table.
 */
const EXACT: Record<string, number> = {
  JX_BAD_REQUEST: 400,
  JX_BAD_JSON: 400,
  JX_BAD_URL: 400,
  JX_JSON_TOO_DEEP: 400,
  JX_JSON_NUMBER_OUT_OF_RANGE: 400,
  JX_HOST_REQUIRED: 400,
  JX_BAD_HTTP_REQUEST: 400,
  JX_REQUEST_TIMEOUT: 408,
  JX_HEADERS_TOO_LARGE: 431,
  JX_RATE_LIMITED: 429,
  JX_FLOW_ID_MISMATCH: 400,
  JX_TOKEN_SCOPE_INVALID: 400,
  JX_DEPLOY_NO_CANARY: 409,
  JX_DEPLOY_NO_PREVIOUS: 409,
  JX_DEPLOY_TESTS_FAILED: 409,
  JX_DEPLOY_TESTS_MISSING: 409,
  JX_UNAUTHORIZED: 401,
  JX_FORBIDDEN: 403,
  JX_NOT_FOUND: 404,
  JX_CALLBACK_UNKNOWN_CHANNEL: 404,
  JX_CALLBACK_SIGNATURE_INVALID: 401,
  JX_WEBHOOK_SIGNATURE_INVALID: 401,
  JX_PAYLOAD_TOO_LARGE: 413,
  JX_URI_TOO_LONG: 414,
  JX_UNSUPPORTED_MEDIA_TYPE: 415,
  JX_UNSUPPORTED_CHARSET: 415,
  JX_BODY_MALFORMED: 400,
  JX_XML_MALFORMED: 400,
  JX_XML_DOCTYPE_REFUSED: 400,
  JX_FLOW_INVALID: 422,
  JX_CREDENTIAL_KIND_UNKNOWN: 422,
  JX_CREDENTIAL_HOSTS_REQUIRED: 422,
  JX_RUN_FINISHED: 409,
  JX_RUN_NOT_FINISHED: 409,
  JX_EXPRESSION_SYNTAX: 422,
  JX_PORT_UNKNOWN: 422,
  JX_OUTPUT_TOO_LARGE: 422,
  JX_RUN_EXISTS: 409,
  JX_QUEUE_TIMEOUT: 503,
  JX_QUEUE_UNAVAILABLE: 503,
};

const SUFFIXES: [string, number][] = [
  ['_NOT_FOUND', 404],
  ['_UNKNOWN', 404],
  ['_EXISTS', 409],
  ['_CONFLICT', 409],
  ['_NOT_DEPLOYED', 409],
  ['_INVALID', 422],
];

/** HTTP status for an error code; 500 for anything unrecognised. */
export function statusForCode(code: string): number {
  const exact = EXACT[code];
  if (exact !== undefined) return exact;
  for (const [suffix, status] of SUFFIXES) if (code.endsWith(suffix)) return status;
  return 500;
}
