import { isSuspension, portsOf } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { type RateLimitConfig, rateLimitNode } from './v1.ts';

function limit(
  config: RateLimitConfig,
  answer: { allowed: boolean; retryAfterMs: number },
  extra: object = {},
) {
  const taken: { key: string; bucket: object }[] = [];
  const { ctx } = createTestContext({
    config,
    input: 'req',
    now: () => 10_000,
    kv: {
      get: async () => undefined,
      set: async () => {},
      delete: async () => {},
      takeToken: async (key, bucket) => {
        taken.push({ key, bucket });
        return answer;
      },
    },
    ...extra,
  });
  return { result: rateLimitNode.run(ctx), taken };
}

const bucket = { capacity: 2, refillPerSecond: 0.5 };

describe('rate.limit', () => {
  it('lets the input through when a token is free, keyed per flow', async () => {
    const { result, taken } = limit({ ...bucket, key: 'supplier-a' }, { allowed: true, retryAfterMs: 0 });
    expect(await result).toEqual({ out: 'req' });
    expect(taken).toEqual([
      { key: 'rate:flow:flow-test:supplier-a', bucket: { capacity: 2, refillPerSecond: 0.5, cost: 1 } },
    ]);
  });

  it('routes to "limited" in route mode', async () => {
    expect(portsOf(rateLimitNode as never, { ...bucket, whenLimited: 'route' }).outputs).toEqual([
      'out',
      'limited',
    ]);
    const { result } = limit({ ...bucket, whenLimited: 'route' }, { allowed: false, retryAfterMs: 1500 });
    expect(await result).toEqual({ limited: 'req' });
  });

  it('sleeps durably until a token is due, keeping when the wait began', async () => {
    const first = await limit(bucket, { allowed: false, retryAfterMs: 1500 }).result;
    expect(isSuspension(first)).toBe(true);
    expect(first).toMatchObject({ kind: 'sleep', until: 11_500, state: { since: 10_000 } });
    const again = await limit(
      bucket,
      { allowed: false, retryAfterMs: 500 },
      { resumed: { reason: 'timer' }, state: { since: 2_000 } },
    ).result;
    expect(again).toMatchObject({ kind: 'sleep', until: 10_500, state: { since: 2_000 } });
  });

  it('fails rather than wait beyond the longest wait', async () => {
    const { result } = limit({ ...bucket, maxWaitSeconds: 1 }, { allowed: false, retryAfterMs: 5000 });
    await expect(result).rejects.toMatchObject({ code: 'JX_RATE_LIMIT_WAIT_EXCEEDED' });
  });

  it('rejects a cost above the capacity', async () => {
    const { result } = limit({ ...bucket, cost: 3 }, { allowed: true, retryAfterMs: 0 });
    await expect(result).rejects.toMatchObject({ code: 'JX_CONFIG_INVALID', details: { field: 'cost' } });
  });
});
