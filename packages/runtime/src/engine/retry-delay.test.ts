import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-delay.ts';

describe('retryDelay', () => {
  it('waits the same delay every time with fixed backoff', () => {
    const policy = { maxAttempts: 5, backoff: 'fixed' as const, delayMs: 100 };
    expect([2, 3, 4].map((attempt) => retryDelay(policy, attempt))).toEqual([100, 100, 100]);
  });

  it('doubles with exponential backoff and stops at maxDelayMs', () => {
    const policy = { maxAttempts: 9, backoff: 'exponential' as const, delayMs: 100, maxDelayMs: 500 };
    expect([2, 3, 4, 5, 6].map((attempt) => retryDelay(policy, attempt))).toEqual([100, 200, 400, 500, 500]);
  });

  it('adds up to jitter × delay, driven by the random source', () => {
    const policy = { maxAttempts: 3, backoff: 'fixed' as const, delayMs: 100, jitter: 0.5 };
    expect(retryDelay(policy, 2, () => 0)).toBe(100);
    expect(retryDelay(policy, 2, () => 0.999)).toBe(150);
  });
});
