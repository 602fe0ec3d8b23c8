import { JunctionError } from '@junction/runtime';
import { Agent, request } from 'undici';
import type { WireRequest } from '../credentials/request-shape.ts';

/**
 * One keep-alive agent for every node in the process: reusing connections to the same supplier is most of
 * the throughput of a webhook → signed request flow.
 */
const sharedAgent = new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 256 });

/** A response read in full. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends a wire request through the shared agent. Failures are coded: `JX_HTTP_TIMEOUT`, `JX_HTTP_ABORTED`,
 * `JX_HTTP_NETWORK`. `details.maybeSent` tells callers with side effects (order creation) whether the server
 * may have acted on the request, so they can check before retrying.
 */
export async function sendRequest(
  wire: WireRequest,
  options: { signal?: AbortSignal; timeoutMs: number },
): Promise<WireResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const target = describeTarget(wire);
  try {
    const response = await request(wire.url, {
      method: wire.method as 'GET',
      headers: wire.headers,
      body: wire.body,
      dispatcher: sharedAgent,
      signal,
    });
    const body = await response.body.text();
    return { status: response.statusCode, headers: flattenHeaders(response.headers), body };
  } catch (error) {
    if (options.signal?.aborted) {
      throw new JunctionError('JX_HTTP_ABORTED', `${target} was cancelled.`, {
        maybeSent: true,
        retryable: false,
      });
    }
    if (timeout.aborted) {
      throw new JunctionError(
        'JX_HTTP_TIMEOUT',
        `${target} got no answer within ${options.timeoutMs} ms; raise the timeout or check the server.`,
        { timeoutMs: options.timeoutMs, maybeSent: true, retryable: true },
        { cause: error },
      );
    }
    const code = String((error as { code?: unknown }).code ?? '');
    const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    throw new JunctionError(
      'JX_HTTP_NETWORK',
      `${target} failed: ${(error as Error).message || code}.`,
      { networkCode: code, maybeSent: !refused, retryable: true },
      { cause: error },
    );
  }
}

/** "POST https://host/path": never the query string, which may carry a signature or token. */
export function describeTarget(wire: Pick<WireRequest, 'method' | 'url'>): string {
  const url = new URL(wire.url);
  return `${wire.method} ${url.origin}${url.pathname}`;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
