import type { ServerResponse } from 'node:http';
import { sendJson } from '../server/http-io.ts';
import { GATEWAY_ERRORS } from './gateway-errors.ts';

/** The only HTTP method the gateway accepts. */
export const GATEWAY_HTTP_METHOD = 'POST';

/**
 * Answers a gateway request sent with another HTTP method than POST: 405 with `Allow: POST`, in the
 * gateway's own shape (`code`, `message`, empty `result` and `sign`: there is no merchant to sign
 * for), so a gateway client reads it like any refusal. `error` carries the same as a coded Junction
 * error with the allowed method in `details`, for clients that read the admin API's shape.
 */
export function sendMethodNotAllowed(response: ServerResponse, method: string | undefined): void {
  const got = method ?? 'no method';
  const message = `The gateway only accepts ${GATEWAY_HTTP_METHOD} with the signed JSON envelope, got ${got}; send POST /api/gateway.`;
  response.setHeader('allow', GATEWAY_HTTP_METHOD);
  sendJson(response, 405, {
    code: GATEWAY_ERRORS.malformedRequest.code,
    message,
    result: '',
    sign: '',
    error: {
      code: 'JX_SANDBOX_METHOD',
      message,
      details: { method: got, allowed: [GATEWAY_HTTP_METHOD] },
    },
  });
}
