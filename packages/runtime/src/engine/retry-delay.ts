import type { RetryPolicy } from '../flow/flow-types.ts';

/**
 * Delay before attempt `nextAttempt` (2 for the first retry) under `policy`.
 *
 * 1. `fixed` waits `delayMs` every time; `exponential` waits `delayMs * 2^(nextAttempt - 2)`.
 * 2. The result is capped by `maxDelayMs` (when set) before jitter, so the cap bounds the base delay.
 * 3. Jitter adds `random() * jitter * base`, spreading the retries of many runs that failed together.
 */
export function retryDelay(
  policy: RetryPolicy,
  nextAttempt: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, nextAttempt - 2);
  let base = policy.backoff === 'exponential' ? policy.delayMs * 2 ** exponent : policy.delayMs;
  if (policy.maxDelayMs !== undefined) base = Math.min(base, policy.maxDelayMs);
  const jitter = policy.jitter ? Math.min(Math.max(policy.jitter, 0), 1) : 0;
  return Math.max(0, Math.round(base + (jitter > 0 ? random() * jitter * base : 0)));
}
