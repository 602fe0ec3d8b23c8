import { JunctionError } from '@junction/runtime';
import type { EgressPolicy } from '../integration/runtime-glue.ts';
import { alertErrors } from './alert-errors.ts';
import type { ChannelInput, DeliveryOutcome } from './alert-types.ts';
import { type ChannelRequest, channelRefusal } from './build-channel-request.ts';

/** How deliveries are retried. */
export interface DeliveryPolicy {
  /** Attempts per notification, the first included (default 3). */
  attempts: number;
  /** Wait before the second attempt; doubled for each further one (default 1 s). */
  backoffMs: number;
  /** Per-attempt time limit (default 10 s). */
  timeoutMs: number;
}

/** Defaults of {@link DeliveryPolicy}. */
export const DEFAULT_DELIVERY: DeliveryPolicy = { attempts: 3, backoffMs: 1_000, timeoutMs: 10_000 };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function attempt(
  request: ChannelRequest,
  kind: ChannelInput['kind'],
  egress: EgressPolicy,
  timeoutMs: number,
) {
  const url = new URL(request.url);
  // Only the host is ever named: robot URLs carry their key or token in the path or query.
  const target = `${kind} ${url.host}`;
  try {
    const dispatcher = egress.dispatcherFor(url, target);
    const response = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.body.text();
    const refusal = channelRefusal(kind, response.statusCode, text);
    if (refusal !== undefined)
      throw alertErrors.deliveryRefused(kind, url.host, response.statusCode, refusal);
    return response.statusCode;
  } catch (error) {
    if (error instanceof JunctionError) throw error;
    const refused = egress.refusalOf(error, url, target);
    if (refused) throw refused;
    const code = String((error as { code?: unknown }).code ?? (error as Error).name ?? 'error');
    throw alertErrors.deliveryFailed(kind, url.host, code);
  }
}

/**
 * Posts one notification, retrying failures with exponential backoff. Never throws: the outcome
 * (attempts, last status, coded error) is what the alert history records.
 */
export async function deliverNotification(
  index: number,
  channel: ChannelInput,
  request: ChannelRequest,
  egress: EgressPolicy,
  policy: DeliveryPolicy = DEFAULT_DELIVERY,
): Promise<DeliveryOutcome> {
  const host = new URL(request.url).host;
  let last: JunctionError | undefined;
  for (let n = 1; n <= policy.attempts; n++) {
    if (n > 1) await pause(policy.backoffMs * 2 ** (n - 2));
    try {
      const status = await attempt(request, channel.kind, egress, policy.timeoutMs);
      return { channel: index, kind: channel.kind, host, ok: true, attempts: n, status };
    } catch (error) {
      last = error as JunctionError;
    }
  }
  const status = typeof last?.details.status === 'number' ? { status: last.details.status } : {};
  return {
    channel: index,
    kind: channel.kind,
    host,
    ok: false,
    attempts: policy.attempts,
    ...status,
    error: { code: last?.code ?? 'JX_ALERT_DELIVERY_FAILED', message: last?.message ?? 'failed' },
  };
}
