import { type Json, portsOf } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { type CacheConfig, cacheNode } from './v1.ts';

/** Runs the node against a shared fake kv (the engine-backed one is covered by the integration test). */
function cache(kv: Map<string, Json>, config: CacheConfig, input: Json = 'input') {
  const ttls: (number | undefined)[] = [];
  const { ctx } = createTestContext({
    config,
    input,
    kv: {
      get: async (key) => kv.get(key),
      set: async (key, value, ttlMs) => {
        kv.set(key, value);
        ttls.push(ttlMs);
      },
      delete: async (key) => {
        kv.delete(key);
      },
      takeToken: async () => ({ allowed: true, retryAfterMs: 0 }),
    },
  });
  return { result: cacheNode.run(ctx), ttls };
}

describe('cache', () => {
  it('derives ports from the operation', () => {
    expect(portsOf(cacheNode as never, { key: 'k' }).outputs).toEqual(['hit', 'miss']);
    expect(portsOf(cacheNode as never, { key: 'k', operation: 'set' }).outputs).toEqual(['out']);
  });

  it('misses, stores with a TTL, then hits — including a cached null', async () => {
    const kv = new Map<string, Json>();
    expect(await cache(kv, { key: 'products' }).result).toEqual({ miss: 'input' });
    const stored = cache(kv, { key: 'products', operation: 'set', ttlSeconds: 60 }, ['p1']);
    expect(await stored.result).toEqual({ out: ['p1'] });
    expect(stored.ttls).toEqual([60_000]);
    expect(await cache(kv, { key: 'products' }).result).toEqual({ hit: ['p1'] });
    await cache(kv, { key: 'nothing', operation: 'set', value: null }).result;
    expect(await cache(kv, { key: 'nothing' }).result).toEqual({ hit: null });
  });

  it('evaluates the value of get-or-set only on a miss', async () => {
    const kv = new Map<string, Json>();
    expect(
      await cache(kv, { key: 7, operation: 'getOrSet', value: '=$count(items)' }, { items: [1, 2] }).result,
    ).toEqual({
      out: 2,
    });
    expect(
      await cache(kv, { key: 7, operation: 'getOrSet', value: '=$error("not evaluated")' }).result,
    ).toEqual({
      out: 2,
    });
  });

  it('keeps an entry until overwritten with TTL 0', async () => {
    const kv = new Map<string, Json>();
    const stored = cache(kv, { key: 'k', operation: 'set', ttlSeconds: 0 }, 1);
    await stored.result;
    expect(stored.ttls).toEqual([undefined]);
    expect([...kv.keys()]).toEqual(['cache:k']);
  });

  it('rejects a key that is not a string or number', async () => {
    await expect(cache(new Map(), { key: { a: 1 } }).result).rejects.toMatchObject({
      code: 'JX_CONFIG_INVALID',
      message: 'key: must resolve to a non-empty string or number, got object.',
    });
  });
});
