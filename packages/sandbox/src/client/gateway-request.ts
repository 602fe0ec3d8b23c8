import { JunctionError } from '@junction/runtime';
import { signPayload, signString } from '../crypto/sign.ts';
import { formatTimestamp } from '../crypto/timestamp.ts';
import type { GatewayResponse } from '../gateway/gateway-handler.ts';

/** Merchant credentials for signing gateway requests. */
export interface GatewayCredentials {
  appKey: string;
  appSecret: string;
}

/** A signed gateway request body, ready to be sent as JSON. */
export interface GatewayRequest {
  app_key: string;
  method: string;
  timestamp: string;
  version: '2.0';
  format: 'json';
  charset: 'utf-8';
  sign_type: 'md5';
  biz_content: string;
  sign: string;
}

/**
 * Builds and signs a gateway request the way a merchant would. Used by the sandbox's own tests and
 * benchmarks, and handy for other packages' tests; it is not a production client.
 */
export function buildGatewayRequest(
  credentials: GatewayCredentials,
  method: string,
  biz: Record<string, unknown> = {},
  now: Date = new Date(),
): GatewayRequest {
  const unsigned = {
    app_key: credentials.appKey,
    method,
    timestamp: formatTimestamp(now),
    version: '2.0' as const,
    format: 'json' as const,
    charset: 'utf-8' as const,
    sign_type: 'md5' as const,
    biz_content: JSON.stringify(biz),
  };
  return { ...unsigned, sign: signPayload(unsigned, credentials.appSecret) };
}

/** Whether a gateway response's `sign` matches its `result` string under `secret`. */
export function verifyGatewayResponse(response: GatewayResponse, secret: string): boolean {
  return response.sign === signString(response.result, secret);
}

/**
 * Sends one signed request and returns the response with `result` decoded (`undefined` when empty).
 * Throws `JX_SANDBOX_RESPONSE_SIGNATURE` when the response is not signed by the same secret.
 */
export async function callGateway<T = unknown>(
  gatewayUrl: string,
  credentials: GatewayCredentials,
  method: string,
  biz: Record<string, unknown> = {},
): Promise<{ code: number; message: string; result: T | undefined; raw: GatewayResponse }> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(buildGatewayRequest(credentials, method, biz)),
  });
  const raw = (await response.json()) as GatewayResponse;
  if (raw.sign !== '' && !verifyGatewayResponse(raw, credentials.appSecret)) {
    throw new JunctionError(
      'JX_SANDBOX_RESPONSE_SIGNATURE',
      `The ${method} response signature does not match the app secret.`,
    );
  }
  return {
    code: raw.code,
    message: raw.message,
    result: raw.result === '' ? undefined : (JSON.parse(raw.result) as T),
    raw,
  };
}
