import { JunctionError } from '@junction/runtime';
import { request } from 'undici';
import type { WireRequest } from '../credentials/request-shape.ts';
import { charsetOf, decodeText, encodeText } from '../wire-format/charset.ts';
import { egressError } from './egress/egress-errors.ts';
import { currentEgressPolicy } from './egress/egress-scope.ts';
import { redirectHop } from './redirect-hop.ts';

/** A response read in full. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  /** The body's bytes exactly as received. */
  bytes: Buffer;
  /**
   * The body as text in the Content-Type's charset (utf-8 when none), decoded when first read; bytes
   * invalid in it are `JX_BODY_MALFORMED`, an unknown charset `JX_UNSUPPORTED_CHARSET` (never U+FFFD).
   */
  readonly body: string;
}

/** A {@link WireResponse} over received bytes, its text decoded on first use. */
export function wireResponse(status: number, headers: Record<string, string>, bytes: Buffer): WireResponse {
  let text: string | undefined;
  return {
    status,
    headers,
    bytes,
    get body() {
      text ??= decodeText(bytes, charsetOf(headers['content-type']), { what: 'the response body' });
      return text;
    },
  };
}

/** Options of {@link sendRequest}. */
export interface SendOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  /** How many redirects to follow (default 0: a 3xx is the answer). Each hop meets the egress policy again. */
  followRedirects?: number;
  /** Called with each redirect target before it is requested; throws to refuse it (e.g. a credential's hosts). */
  checkHop?: (url: string) => void;
}

/**
 * Sends a wire request under the egress policy of the running node (see `egress/egress-scope.ts`):
 * one keep-alive pool per policy, reused by every node of the process, which is most of the throughput
 * of a webhook → signed request flow. Failures are coded: `JX_EGRESS_REFUSED`, `JX_HTTP_TIMEOUT`,
 * `JX_HTTP_ABORTED`, `JX_HTTP_NETWORK`, `JX_HTTP_REDIRECT_LIMIT`, `JX_HTTP_REDIRECT_INVALID`.
 * `details.maybeSent` tells callers with side effects (order creation) whether the server may have
 * acted on the request, so they can check before retrying.
 */
export async function sendRequest(wire: WireRequest, options: SendOptions): Promise<WireResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const limit = options.followRedirects ?? 0;
  let current = wire;
  for (let hop = 0; ; hop++) {
    const response = await sendOnce(current, options, timeout, signal, hop > 0);
    const next = limit > 0 ? redirectHop(current, response.status, response.headers.location) : undefined;
    if (next === undefined) return response;
    const target = describeTarget(current);
    if (next === 'invalid') {
      throw egressError('JX_HTTP_REDIRECT_INVALID', { target, status: response.status }, { maybeSent: true });
    }
    if (hop + 1 > limit) {
      throw egressError('JX_HTTP_REDIRECT_LIMIT', { target, followRedirects: limit }, { maybeSent: true });
    }
    try {
      options.checkHop?.(next.url);
    } catch (error) {
      // The request that answered with the redirect did reach its server.
      throw error instanceof JunctionError ? withMaybeSent(error) : error;
    }
    current = next;
  }
}

async function sendOnce(
  wire: WireRequest,
  options: SendOptions,
  timeout: AbortSignal,
  signal: AbortSignal,
  redirected: boolean,
): Promise<WireResponse> {
  const target = describeTarget(wire);
  const url = new URL(wire.url);
  const policy = currentEgressPolicy();
  let dispatcher: ReturnType<typeof policy.dispatcherFor>;
  try {
    dispatcher = policy.dispatcherFor(url, target);
  } catch (error) {
    throw redirected && error instanceof JunctionError ? withMaybeSent(error) : error;
  }
  const body =
    wire.body === undefined ? undefined : encodeText(wire.body, wire.charset, { what: 'the request body' });
  try {
    const response = await request(url, {
      method: wire.method as 'GET',
      headers: wire.headers,
      body,
      dispatcher,
      signal,
    });
    const bytes = Buffer.from(await response.body.arrayBuffer());
    return wireResponse(response.statusCode, flattenHeaders(response.headers), bytes);
  } catch (error) {
    const refused = policy.refusalOf(error, url, target);
    // After a redirect the first request did reach its server.
    if (refused) throw redirected ? withMaybeSent(refused) : refused;
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
    const unreached = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    throw new JunctionError(
      'JX_HTTP_NETWORK',
      `${target} failed: ${(error as Error).message || code}.`,
      { networkCode: code, maybeSent: redirected || !unreached, retryable: true },
      { cause: error },
    );
  }
}

function withMaybeSent(error: JunctionError): JunctionError {
  return new JunctionError(error.code, error.message, { ...error.details, maybeSent: true });
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
