import { describe, expect, it } from 'vitest';
import type { RunRecord, RunStatus } from '../run-records.ts';
import type { RunStore, RunStoreRetention } from '../run-store.ts';
import { makeRun, type OpenStore, useFreshStore } from './suite-context.ts';

const DAY = 86_400_000;
const NOW = 100 * DAY;

type Purging = RunStoreRetention & RunStore;

/** A run finished (or last updated, for an active one) `daysAgo` days before NOW, with two journal entries. */
async function seed(
  store: RunStore,
  id: string,
  status: RunStatus,
  daysAgo: number,
  overrides: Partial<RunRecord> = {},
): Promise<void> {
  const at = NOW - daysAgo * DAY;
  const finished = ['succeeded', 'failed', 'cancelled'].includes(status);
  await store.createRun(
    makeRun(id, {
      status,
      createdAt: at,
      updatedAt: at,
      ...(finished ? { finishedAt: at } : {}),
      ...overrides,
    }),
  );
  await store.appendJournal([
    { runId: id, seq: 1, type: 'run.started', at },
    { runId: id, seq: 2, type: finished ? 'run.completed' : 'node.waiting', at },
  ]);
}

async function ids(store: RunStore): Promise<string[]> {
  return (await store.listRuns()).map((run) => run.id).sort();
}

/**
 * Conformance of the optional retention methods (`purgeRuns`, `purgeExpired`, `compact`): the SQLite
 * and PostgreSQL stores run it from their own test files.
 */
export function describePurgeConformance(open: OpenStore): void {
  describe('retention purge', () => {
    const current = useFreshStore(open);
    const store = (): Purging => current() as Purging;

    it('deletes finished runs past their age with their journal, never an active run', async () => {
      await seed(store(), 'old-ok', 'succeeded', 40);
      await seed(store(), 'new-ok', 'succeeded', 5);
      await seed(store(), 'old-failed', 'failed', 40);
      await seed(store(), 'old-cancelled', 'cancelled', 95);
      await seed(store(), 'old-waiting', 'waiting', 90);
      await seed(store(), 'old-running', 'running', 90);
      await seed(store(), 'old-queued', 'queued', 90);
      const result = await store().purgeRuns({
        succeededBefore: NOW - 30 * DAY,
        failedBefore: NOW - 60 * DAY,
      });
      expect(result).toEqual({ runs: 2, journalEntries: 4 });
      expect(await ids(store())).toEqual([
        'new-ok',
        'old-failed',
        'old-queued',
        'old-running',
        'old-waiting',
      ]);
      expect(await store().readJournal('old-ok')).toEqual([]);
      expect(await store().readJournal('old-waiting')).toHaveLength(2);
      expect(await store().purgeRuns({ succeededBefore: NOW, failedBefore: NOW })).toEqual({
        runs: 2,
        journalEntries: 4,
      });
      expect(await ids(store())).toEqual(['old-queued', 'old-running', 'old-waiting']);
    });

    it('keeps at most K finished runs per flow, newest first, not counting active runs', async () => {
      for (let i = 1; i <= 5; i++) await seed(store(), `a${i}`, 'succeeded', 10 - i, { flowId: 'a' });
      await seed(store(), 'a-waiting', 'waiting', 20, { flowId: 'a' });
      for (let i = 1; i <= 2; i++) await seed(store(), `b${i}`, 'failed', 10 - i, { flowId: 'b' });
      expect((await store().purgeRuns({ keepPerFlow: 2 })).runs).toBe(3);
      expect(await ids(store())).toEqual(['a-waiting', 'a4', 'a5', 'b1', 'b2']);
    });

    it('limits itself to the named flows, or to every flow but the named ones', async () => {
      await seed(store(), 'a', 'succeeded', 50, { flowId: 'a' });
      await seed(store(), 'b', 'succeeded', 50, { flowId: 'b' });
      await seed(store(), 'c', 'succeeded', 50, { flowId: 'c' });
      expect((await store().purgeRuns({ flowIds: ['a'], succeededBefore: NOW })).runs).toBe(1);
      expect((await store().purgeRuns({ flowIds: [], succeededBefore: NOW })).runs).toBe(0);
      expect((await store().purgeRuns({ exceptFlowIds: ['b'], succeededBefore: NOW })).runs).toBe(1);
      expect(await ids(store())).toEqual(['b']);
      expect(await store().purgeRuns({})).toEqual({ runs: 0, journalEntries: 0 });
    });

    it('deletes in batches of `limit` until none is left', async () => {
      for (let i = 1; i <= 5; i++) await seed(store(), `r${i}`, 'succeeded', 50 - i);
      await seed(store(), 'waiting', 'waiting', 50);
      const batches: number[] = [];
      for (let runs = -1; runs !== 0; ) {
        runs = (await store().purgeRuns({ succeededBefore: NOW, limit: 2 })).runs;
        batches.push(runs);
      }
      expect(batches).toEqual([2, 2, 1, 0]);
      expect(await ids(store())).toEqual(['waiting']);
    });

    it('keeps a finished sub-flow run while its parent is still active', async () => {
      await seed(store(), 'parent', 'waiting', 50);
      await seed(store(), 'child', 'succeeded', 50, { parentRunId: 'parent' });
      await seed(store(), 'done-parent', 'succeeded', 50);
      await seed(store(), 'done-child', 'succeeded', 50, { parentRunId: 'done-parent' });
      expect((await store().purgeRuns({ succeededBefore: NOW })).runs).toBe(2);
      expect(await ids(store())).toEqual(['child', 'parent']);
    });

    it('deletes expired key/value rows and inbox notices, and callback markers past their age', async () => {
      await store().kvSet('cache', 'gone', 1, NOW - 1);
      await store().kvSet('cache', 'kept', 2, NOW + DAY);
      await store().kvSet('cache', 'forever', 3, undefined);
      await store().deliver('orders', 'early', { state: 'success' }, DAY, NOW - 2 * DAY);
      await store().deliver('orders', 'fresh', { state: 'success' }, DAY, NOW);
      // A delivered notice (seen), long ago: a retry of it is a duplicate until the marker goes.
      await store().registerWait({ runId: 'r1', nodeId: 'w', channel: 'orders', key: 'done', createdAt: 1 });
      expect((await store().deliver('orders', 'done', { ok: 1 }, DAY, 10 * DAY)).outcome).toBe('matched');
      // The same on a key that a run waits on again: its marker stays.
      await store().registerWait({ runId: 'r2', nodeId: 'w', channel: 'orders', key: 'again', createdAt: 1 });
      expect((await store().deliver('orders', 'again', { ok: 1 }, DAY, 10 * DAY)).outcome).toBe('matched');
      await store().registerWait({ runId: 'r3', nodeId: 'w', channel: 'orders', key: 'again', createdAt: 2 });
      // A timed-out key: a later callback is late until the mark goes.
      await store().registerWait({
        runId: 'r4',
        nodeId: 'w',
        channel: 'orders',
        key: 'expired',
        createdAt: 1,
      });
      expect(await store().expireWait('r4', 'w', 10 * DAY)).toBe(true);

      const first = await store().purgeExpired({ now: NOW, callbackMarksBefore: NOW - 30 * DAY });
      expect(first).toEqual({ kv: 1, inbox: 1, callbackMarks: 1 });
      expect(await store().kvGet('cache', 'kept', NOW)).toBe(2);
      expect(await store().kvGet('cache', 'forever', NOW)).toBe(3);
      expect(await store().deliver('orders', 'done', { ok: 1 }, DAY, NOW)).toEqual({ outcome: 'early' });
      expect(await store().deliver('orders', 'again', { ok: 1 }, DAY, NOW)).toEqual({ outcome: 'duplicate' });
      // The timed-out mark was first seen by this purge: it stays until it is older than the cutoff.
      expect(await store().deliver('orders', 'expired', { ok: 1 }, DAY, NOW)).toEqual({ outcome: 'late' });
      const later = NOW + 31 * DAY;
      expect(await store().purgeExpired({ now: later, callbackMarksBefore: later - 30 * DAY })).toMatchObject(
        {
          callbackMarks: 1,
        },
      );
      expect(await store().deliver('orders', 'expired', { ok: 2 }, DAY, later)).toEqual({ outcome: 'early' });
    });

    it('compacts and reports the size on disk before and after', async () => {
      const result = await store().compact();
      expect(result.bytesBefore).toBeGreaterThan(0);
      expect(result.bytesAfter).toBeGreaterThan(0);
    });
  });
}
