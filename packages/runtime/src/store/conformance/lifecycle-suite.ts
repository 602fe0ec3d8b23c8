import { describe, expect, it } from 'vitest';
import type { RunStore } from '../run-store.ts';
import { makeRun, type OpenStore, rejectionOf } from './suite-context.ts';

/** Reopens the storage behind a closed store (same file, same schema) to prove persistence. */
export type ReopenStore = (closed: RunStore) => Promise<RunStore>;

/** Conformance: flush, close, and (for durable stores) persistence across reopen. */
export function describeLifecycleConformance(open: OpenStore, reopen: ReopenStore | undefined): void {
  describe('flush and close', () => {
    it('flush resolves once queued writes are stored', async () => {
      const store = await open();
      await store.appendJournal([{ runId: 'r1', seq: 1, type: 'run.started', at: 1 }]);
      await store.flush();
      expect(await store.readJournal('r1')).toHaveLength(1);
      await store.close();
    });

    it('refuses every call after close with JX_STORE_CLOSED; closing twice is harmless', async () => {
      const store = await open();
      await store.close();
      await store.close();
      const calls: Promise<unknown>[] = [
        store.getRun('r1'),
        store.createRun(makeRun('r1')),
        store.appendJournal([{ runId: 'r1', seq: 1, type: 'run.started', at: 1 }]),
        store.deliver('c', 'k', null, 1, 0),
        store.claimDueTimers(0, 1, 1),
        store.kvGet('ns', 'k', 0),
        store.flush(),
      ];
      for (const call of calls) expect((await rejectionOf(call)).code).toBe('JX_STORE_CLOSED');
    });
  });

  if (!reopen) return;

  describe('persistence across reopen', () => {
    it('keeps runs, journal, waits, inbox, timers, leases, key/values and buckets', async () => {
      const first = await open();
      await first.putFlowSnapshot('h1', { schemaVersion: 1, id: 'f', name: 'F', nodes: [], edges: [] });
      await first.createRun(makeRun('r1', { status: 'running', output: { x: 1 } }));
      await first.appendJournal([
        { runId: 'r1', seq: 1, type: 'run.started', at: 1 },
        { runId: 'r1', seq: 2, type: 'node.started', nodeId: 'n1', at: 2, input: { a: 1 } },
      ]);
      await first.registerWait({ runId: 'r1', nodeId: 'n2', channel: 'c', key: 'k', createdAt: 5 });
      await first.deliver('c', 'early-key', { early: true }, 60_000, 5);
      await first.putTimer({ id: 't1', runId: 'r1', nodeId: 'n2', kind: 'deadline', dueAt: 50 });
      await first.acquireLease('r1', 'w1', 0, 10_000);
      await first.kvSet('ns', 'k', { v: 1 }, undefined);
      await first.takeToken('b', { capacity: 1, refillPerSecond: 0.001, cost: 1 }, 0);
      // Journal appends may still be queued: close must write them before it lets go.
      await first.appendJournal([{ runId: 'r1', seq: 3, type: 'node.completed', nodeId: 'n1', at: 3 }]);
      await first.close();

      const second = await reopen(first);
      try {
        expect((await second.getFlowSnapshot('h1'))?.name).toBe('F');
        expect(await second.getRun('r1')).toEqual(makeRun('r1', { status: 'running', output: { x: 1 } }));
        expect((await second.readJournal('r1')).map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(await second.listWaits('r1')).toHaveLength(1);
        expect(
          await second.registerWait({
            runId: 'r2',
            nodeId: 'n',
            channel: 'c',
            key: 'early-key',
            createdAt: 6,
          }),
        ).toEqual({ status: 'early', payload: { early: true } });
        expect(await second.nextTimerDue()).toBe(50);
        expect(await second.acquireLease('r1', 'w2', 1_000, 100)).toBe(false);
        expect(await second.kvGet('ns', 'k', 0)).toEqual({ v: 1 });
        expect(
          (await second.takeToken('b', { capacity: 1, refillPerSecond: 0.001, cost: 1 }, 1)).allowed,
        ).toBe(false);
      } finally {
        await second.close();
      }
    });
  });
}
