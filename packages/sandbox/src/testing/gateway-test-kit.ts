import { JunctionError } from '@junction/runtime';
import { buildGatewayRequest, type GatewayCredentials } from '../client/gateway-request.ts';
import type { GatewayResponse } from '../gateway/gateway-handler.ts';

/** Posts any body to the gateway and returns the HTTP status and parsed JSON (for refusal tests). */
export async function postRaw(
  gatewayUrl: string,
  body: unknown,
): Promise<{ status: number; json: GatewayResponse }> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as GatewayResponse };
}

/** A signed request with some fields overridden after signing (to test refusals). */
export function tamperedRequest(
  credentials: GatewayCredentials,
  method: string,
  biz: Record<string, unknown>,
  overrides: Record<string, unknown>,
  now?: Date,
): Record<string, unknown> {
  return { ...buildGatewayRequest(credentials, method, biz, now), ...overrides };
}

/** Polls `probe` every 5 ms until it returns true; fails the test after `timeoutMs`. */
export async function eventually(probe: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline)
      throw new JunctionError('JX_TEST_TIMEOUT', `The awaited condition was not met within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
