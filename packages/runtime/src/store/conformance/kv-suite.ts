import { describe, expect, it } from 'vitest';
import { type OpenStore, rejectionOf, useFreshStore } from './suite-context.ts';

const bucket = { capacity: 3, refillPerSecond: 2, cost: 1 };

/** Conformance: key/value with expiry and the token bucket. */
export function describeKeyValueConformance(open: OpenStore): void {
  describe('key/value', () => {
    const store = useFreshStore(open);

    it('sets, overwrites, reads and deletes JSON values per namespace', async () => {
      await store().kvSet('cache', 'k', { list: [1, 2], none: null }, undefined);
      await store().kvSet('other', 'k', 'other-value', undefined);
      await store().kvSet('cache', 'nil', null, undefined);
      expect(await store().kvGet('cache', 'k', 0)).toEqual({ list: [1, 2], none: null });
      expect(await store().kvGet('cache', 'nil', 0)).toBeNull();
      expect(await store().kvGet('cache', 'missing', 0)).toBeUndefined();
      await store().kvSet('cache', 'k', 42, undefined);
      expect(await store().kvGet('cache', 'k', 0)).toBe(42);
      await store().kvDelete('cache', 'k');
      expect(await store().kvGet('cache', 'k', 0)).toBeUndefined();
      expect(await store().kvGet('other', 'k', 0)).toBe('other-value');
    });

    it('hides values once their expiry passes', async () => {
      await store().kvSet('cache', 'k', 'v', 1_000);
      expect(await store().kvGet('cache', 'k', 999)).toBe('v');
      expect(await store().kvGet('cache', 'k', 1_000)).toBeUndefined();
      await store().kvSet('cache', 'k', 'forever', undefined);
      expect(await store().kvGet('cache', 'k', 10 ** 12)).toBe('forever');
    });
  });

  describe('token bucket', () => {
    const store = useFreshStore(open);

    it('starts full, empties, tells when to retry and refills over time', async () => {
      for (let i = 0; i < 3; i++) {
        expect(await store().takeToken('api', bucket, 1_000)).toEqual({ allowed: true, retryAfterMs: 0 });
      }
      expect(await store().takeToken('api', bucket, 1_000)).toEqual({ allowed: false, retryAfterMs: 500 });
      expect(await store().takeToken('api', bucket, 1_250)).toEqual({ allowed: false, retryAfterMs: 250 });
      expect((await store().takeToken('api', bucket, 1_500)).allowed).toBe(true);
      expect((await store().takeToken('other', bucket, 1_500)).allowed).toBe(true);
      // Refill never exceeds the capacity.
      const afterLongPause = [];
      for (let i = 0; i < 4; i++)
        afterLongPause.push((await store().takeToken('api', bucket, 100_000)).allowed);
      expect(afterLongPause).toEqual([true, true, true, false]);
    });

    it('honours the cost and rejects a bucket that can never grant it', async () => {
      expect(await store().takeToken('bulk', { ...bucket, cost: 3 }, 0)).toEqual({
        allowed: true,
        retryAfterMs: 0,
      });
      expect(await store().takeToken('bulk', { ...bucket, cost: 2 }, 0)).toEqual({
        allowed: false,
        retryAfterMs: 1_000,
      });
      const error = await rejectionOf(store().takeToken('bulk', { ...bucket, cost: 4 }, 0));
      expect(error.code).toBe('JX_STORE_BAD_BUCKET');
    });

    it('never grants more than the capacity to concurrent takers', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          store().takeToken('burst', { capacity: 5, refillPerSecond: 1, cost: 1 }, 0),
        ),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(5);
    });
  });
}
