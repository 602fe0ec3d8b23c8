import { describe, expect, it } from 'vitest';
import { noticeDigest } from '../notice-digest.ts';
import type { WaitRecord } from '../run-records.ts';
import { type OpenStore, rejectionOf, useFreshStore } from './suite-context.ts';

function wait(runId: string, key: string, extra: Partial<WaitRecord> = {}): WaitRecord {
  return { runId, nodeId: 'await', channel: 'orders', key, deadline: 9_000, createdAt: 1_000, ...extra };
}

const TTL = 60_000;

/** Conformance: waits, callback delivery (matched/early/duplicate/late), inbox TTL and races. */
export function describeWaitsConformance(open: OpenStore): void {
  describe('waits and callback delivery', () => {
    const store = useFreshStore(open);

    it('finds the wait on (channel, key) without claiming it', async () => {
      expect(await store().findWait('orders', 'KF')).toBeUndefined();
      await store().registerWait(wait('rF', 'KF'));
      expect(await store().findWait('orders', 'KF')).toEqual(wait('rF', 'KF'));
      expect(await store().findWait('other', 'KF')).toBeUndefined();
      expect(await store().countWaits()).toBe(1);
    });

    it('registers a plain wait and matches the callback once; the same body again is a duplicate', async () => {
      expect(await store().registerWait(wait('r1', 'K1'))).toEqual({ status: 'waiting' });
      expect(await store().listWaits('r1')).toEqual([wait('r1', 'K1')]);
      expect(await store().countWaits()).toBe(1);
      expect(await store().deliver('orders', 'K1', { ok: 1 }, TTL, 2_000)).toEqual({
        outcome: 'matched',
        wait: wait('r1', 'K1'),
      });
      expect(await store().listWaits('r1')).toEqual([]);
      expect(await store().countWaits()).toBe(0);
      expect(await store().deliver('orders', 'K1', { ok: 1 }, TTL, 2_001)).toEqual({ outcome: 'duplicate' });
      // Another body on the key is another notice (processing, then success): kept for the next wait.
      expect(await store().deliver('orders', 'K1', { ok: 2 }, TTL, 2_002)).toEqual({ outcome: 'early' });
    });

    it("a supplier's retry of a delivered notice is a duplicate for a later wait of the run on the key", async () => {
      await store().registerWait(wait('r1', 'KR'));
      expect((await store().deliver('orders', 'KR', { state: 'success' }, TTL, 2_000)).outcome).toBe(
        'matched',
      );
      await store().registerWait(wait('r1', 'KR', { nodeId: 'awaitAgain', createdAt: 3_000 }));
      expect(await store().deliver('orders', 'KR', { state: 'success' }, TTL, 4_000)).toEqual({
        outcome: 'duplicate',
      });
      expect(await store().listWaits('r1')).toEqual([
        wait('r1', 'KR', { nodeId: 'awaitAgain', createdAt: 3_000 }),
      ]);
      expect(await store().listPendingResumes({ runId: 'r1' })).toHaveLength(1);
      expect((await store().deliver('orders', 'KR', { state: 'refunded' }, TTL, 5_000)).outcome).toBe(
        'matched',
      );
    });

    it("keeps a callback's headers and query with its body, matched or in the inbox; they are not its identity", async () => {
      const context = { headers: { 'x-state': 'final' }, query: { sign: 'abc' }, verifiedBy: 'supplier-key' };
      await store().registerWait(wait('rC', 'KC'));
      expect((await store().deliver('orders', 'KC', { n: 1 }, TTL, 2_000, context)).outcome).toBe('matched');
      expect(await store().listPendingResumes({ runId: 'rC' })).toEqual([
        {
          runId: 'rC',
          nodeId: 'await',
          reason: 'callback',
          channel: 'orders',
          key: 'KC',
          payload: { n: 1 },
          context,
          createdAt: 2_000,
        },
      ]);
      // The supplier's retry carries a new timestamp header: still the same notice.
      const retried = { headers: { 'x-state': 'final', 'x-timestamp': '2001' }, query: {} };
      expect(await store().deliver('orders', 'KC', { n: 1 }, TTL, 2_001, retried)).toEqual({
        outcome: 'duplicate',
      });
      expect((await store().deliver('orders', 'KE', { n: 2 }, TTL, 2_100, context)).outcome).toBe('early');
      expect((await store().deliver('orders', 'KE', { n: 3 }, TTL, 2_200)).outcome).toBe('early');
      const early = wait('rE', 'KE', { createdAt: 2_300 });
      expect(await store().registerWait(early)).toEqual({ status: 'early', payload: { n: 2 }, context });
      expect((await store().listPendingResumes({ runId: 'rE' }))[0]?.context).toEqual(context);
      await store().deletePendingResume('rE', 'await');
      expect(await store().registerWait({ ...early, createdAt: 2_400 })).toEqual({
        status: 'early',
        payload: { n: 3 },
      });
    });

    it('keeps several notices of one key in the inbox and hands them out oldest first', async () => {
      expect(await store().deliver('orders', 'KN', { state: 'processing' }, TTL, 500)).toEqual({
        outcome: 'early',
      });
      expect(await store().deliver('orders', 'KN', { state: 'success' }, TTL, 600)).toEqual({
        outcome: 'early',
      });
      expect(await store().deliver('orders', 'KN', { state: 'processing' }, TTL, 700)).toEqual({
        outcome: 'duplicate',
      });
      expect(await store().registerWait(wait('rN', 'KN'))).toEqual({
        status: 'early',
        payload: { state: 'processing' },
      });
      expect(await store().registerWait(wait('rN', 'KN', { createdAt: 1_100 }))).toEqual({
        status: 'early',
        payload: { state: 'success' },
      });
      expect(await store().registerWait(wait('rN', 'KN', { createdAt: 1_200 }))).toEqual({
        status: 'waiting',
      });
      expect(await store().deliver('orders', 'KN', { state: 'success' }, TTL, 1_300)).toEqual({
        outcome: 'duplicate',
      });
      expect(await store().listWaits('rN')).toHaveLength(1);
    });

    it('hands out notices of one millisecond in arrival order, whatever their bodies', async () => {
      // Arrival order against digest order: a tie on the clock broken by digest would reverse them.
      const bodies = ['processing', 'success', 'refunded', 'closed']
        .map((state) => ({ state }))
        .sort((a, b) => noticeDigest(b).localeCompare(noticeDigest(a)));
      for (const body of bodies) {
        expect(await store().deliver('orders', 'KT', body, TTL, 500)).toEqual({ outcome: 'early' });
      }
      const handedOut = [];
      for (const [index] of bodies.entries()) {
        const outcome = await store().registerWait(wait('rT', 'KT', { createdAt: 1_000 + index }));
        handedOut.push(outcome.status === 'early' ? outcome.payload : outcome.status);
      }
      expect(handedOut).toEqual(bodies);
    });

    it('keys are scoped by channel', async () => {
      await store().registerWait(wait('r1', 'K1'));
      expect(await store().deliver('refunds', 'K1', {}, TTL, 2_000)).toEqual({ outcome: 'early' });
      expect((await store().deliver('orders', 'K1', {}, TTL, 2_000)).outcome).toBe('matched');
    });

    it('keeps an early callback in the inbox and hands it to the wait that comes later', async () => {
      expect(await store().deliver('orders', 'K2', { first: true }, TTL, 500)).toEqual({ outcome: 'early' });
      expect(await store().deliver('orders', 'K2', { first: true }, TTL, 600)).toEqual({
        outcome: 'duplicate',
      });
      expect(await store().registerWait(wait('r2', 'K2'))).toEqual({
        status: 'early',
        payload: { first: true },
      });
      expect(await store().countWaits()).toBe(0);
      expect(await store().listWaits('r2')).toEqual([]);
      expect(await store().deliver('orders', 'K2', { first: true }, TTL, 1_500)).toEqual({
        outcome: 'duplicate',
      });
    });

    it('drops inbox payloads after their TTL: the wait then waits, and a new callback is early again', async () => {
      await store().deliver('orders', 'K3', { stale: true }, 100, 0);
      await store().deliver('orders', 'K4', { fresh: true }, 10_000, 0);
      expect(await store().registerWait(wait('r3', 'K3', { createdAt: 200 }))).toEqual({ status: 'waiting' });
      expect(await store().deliver('orders', 'K5', {}, 100, 0)).toEqual({ outcome: 'early' });
      expect(await store().deliver('orders', 'K5', { again: true }, 100, 150)).toEqual({ outcome: 'early' });
      // K3's stale notice, and both of K5's (each a notice of its own).
      expect(await store().purgeInbox(300)).toBe(3);
      expect(await store().purgeInbox(300)).toBe(0);
      expect(await store().registerWait(wait('r4', 'K4', { createdAt: 400 }))).toEqual({
        status: 'early',
        payload: { fresh: true },
      });
    });

    it('refuses a second run on the same key (JX_WAIT_KEY_TAKEN) but lets the same node re-register', async () => {
      await store().registerWait(wait('r1', 'K6'));
      const error = await rejectionOf(store().registerWait(wait('r2', 'K6')));
      expect(error.code).toBe('JX_WAIT_KEY_TAKEN');
      expect(await store().registerWait(wait('r1', 'K6', { deadline: 12_000 }))).toEqual({
        status: 'waiting',
      });
      expect(await store().listWaits('r1')).toEqual([wait('r1', 'K6', { deadline: 12_000 })]);
      expect(await store().listWaits('r2')).toEqual([]);
      expect(await store().countWaits()).toBe(1);
    });

    it('expires a wait: the key is late afterwards and a second expiry loses', async () => {
      await store().registerWait(wait('r1', 'K7'));
      expect(await store().expireWait('r1', 'await')).toBe(true);
      expect(await store().expireWait('r1', 'await')).toBe(false);
      expect(await store().deliver('orders', 'K7', {}, TTL, 10_000)).toEqual({ outcome: 'late' });
      expect(await store().expireWait('nobody', 'await')).toBe(false);
    });

    it('a callback that matched first makes the deadline lose', async () => {
      await store().registerWait(wait('r1', 'K8'));
      expect((await store().deliver('orders', 'K8', {}, TTL, 2_000)).outcome).toBe('matched');
      expect(await store().expireWait('r1', 'await')).toBe(false);
    });

    it('a run may wait on several nodes; clearRunWaits removes its waits and timers only', async () => {
      await store().registerWait(wait('r1', 'A', { nodeId: 'n1' }));
      await store().registerWait(wait('r1', 'B', { nodeId: 'n2' }));
      await store().registerWait(wait('r2', 'C'));
      await store().putTimer({ id: 't1', runId: 'r1', nodeId: 'n1', kind: 'deadline', dueAt: 10 });
      await store().putTimer({ id: 't2', runId: 'r2', nodeId: 'await', kind: 'deadline', dueAt: 10 });
      expect((await store().listWaits('r1')).map((w) => w.key).sort()).toEqual(['A', 'B']);
      await store().clearRunWaits('r1');
      expect(await store().listWaits('r1')).toEqual([]);
      expect(await store().countWaits()).toBe(1);
      const claimed = await store().claimDueTimers(100, 10, 1_000);
      expect(claimed.map((t) => t.id)).toEqual(['t2']);
    });

    describe('races', () => {
      it('deadline versus callback: exactly one wins, every time', async () => {
        for (let i = 0; i < 60; i++) {
          const key = `race-${i}`;
          await store().registerWait(wait(`run-${i}`, key));
          const deliver = () => store().deliver('orders', key, { i }, TTL, 2_000);
          const expire = () => store().expireWait(`run-${i}`, 'await');
          // Alternate who starts first, so neither side always gets the head start.
          const [delivered, expired] =
            i % 2 === 0
              ? await Promise.all([deliver(), expire()])
              : await Promise.all([expire(), deliver()]).then(([e, d]) => [d, e] as const);
          expect(delivered.outcome === 'matched').toBe(!expired);
          if (expired) expect(delivered.outcome).toBe('late');
        }
        expect(await store().countWaits()).toBe(0);
      });

      it('a callback racing the wait registration is never lost', async () => {
        for (let i = 0; i < 60; i++) {
          const key = `reg-${i}`;
          const [registered, delivered] = await Promise.all([
            store().registerWait(wait(`run-${i}`, key)),
            store().deliver('orders', key, { i }, TTL, 1_000),
          ]);
          if (registered.status === 'early') {
            expect(delivered.outcome).toBe('early');
            expect(registered.payload).toEqual({ i });
          } else {
            expect(delivered.outcome).toBe('matched');
          }
        }
        expect(await store().countWaits()).toBe(0);
      });

      it('concurrent copies of one callback: one is early, the rest are duplicates', async () => {
        const outcomes = await Promise.all(
          Array.from({ length: 8 }, () => store().deliver('orders', 'dup', { n: 1 }, TTL, 1_000)),
        );
        expect(outcomes.filter((o) => o.outcome === 'early')).toHaveLength(1);
        expect(outcomes.filter((o) => o.outcome === 'duplicate')).toHaveLength(7);
      });
    });
  });
}
