import type { Json } from '@junction/runtime';
import { isJsonObject } from '../support/node-errors.ts';

/** Timing settings of `flow.poll`, in seconds (fractions allowed). */
export type PollTiming = {
  intervalSeconds?: number;
  backoff?: 'fixed' | 'exponential';
  maxIntervalSeconds?: number;
  timeoutSeconds?: number;
  maxAttempts?: number;
};

/** What `flow.poll` keeps across its durable sleeps. */
export type PollState = { startedAt: number; attempt: number };

/** The wait after check number `attempt` (1-based): fixed, or doubling up to the maximum. */
export function intervalAfter(timing: PollTiming, attempt: number): number {
  const base = (timing.intervalSeconds ?? 5) * 1000;
  if (timing.backoff !== 'exponential') return base;
  const max = (timing.maxIntervalSeconds ?? 300) * 1000;
  return Math.min(base * 2 ** (attempt - 1), Math.max(max, base));
}

/** Reads the state saved at the last sleep, or starts a new poll at `now`. */
export function pollState(saved: Json | undefined, now: number): PollState {
  if (isJsonObject(saved ?? null)) {
    const { startedAt, attempt } = saved as { startedAt?: Json; attempt?: Json };
    if (typeof startedAt === 'number' && typeof attempt === 'number') return { startedAt, attempt };
  }
  return { startedAt: now, attempt: 0 };
}

/**
 * When to check next, or null when the deadline or the attempt limit is reached. A wait that would
 * overshoot the deadline is cut short so the last check happens at the deadline itself.
 */
export function nextCheckAt(timing: PollTiming, state: PollState, now: number): number | null {
  if (timing.maxAttempts !== undefined && state.attempt >= timing.maxAttempts) return null;
  const deadline = state.startedAt + (timing.timeoutSeconds ?? 600) * 1000;
  if (now >= deadline) return null;
  return Math.min(now + intervalAfter(timing, state.attempt), deadline);
}
