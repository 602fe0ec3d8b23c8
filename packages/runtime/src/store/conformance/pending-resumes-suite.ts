import { describe, expect, it } from 'vitest';
import type { PendingResume, WaitRecord } from '../run-records.ts';
import type { ReopenStore } from './lifecycle-suite.ts';
import { type OpenStore, useFreshStore } from './suite-context.ts';

function wait(runId: string, key: string, nodeId = 'await'): WaitRecord {
  return { runId, nodeId, channel: 'orders', key, deadline: 9_000, createdAt: 1_000 };
}

function callback(runId: string, key: string, payload: PendingResume['payload'], at: number): PendingResume {
  return { runId, nodeId: 'await', reason: 'callback', channel: 'orders', key, payload, createdAt: at };
}

/**
 * Conformance: claiming a wait (callback or deadline) leaves a pending resume in the same transaction,
 * so a process that dies before journaling `node.resumed` loses nothing.
 */
export function describePendingResumesConformance(open: OpenStore, reopen: ReopenStore | undefined): void {
  describe('pending resumes', () => {
    const store = useFreshStore(open);

    it('an early callback consumed by registerWait is kept as a pending resume in the same step', async () => {
      expect((await store().deliver('orders', 'E1', { early: true }, 60_000, 500)).outcome).toBe('early');
      expect(await store().registerWait(wait('r1', 'E1'))).toEqual({
        status: 'early',
        payload: { early: true },
      });
      expect(await store().listPendingResumes()).toEqual([callback('r1', 'E1', { early: true }, 1_000)]);
      expect(await store().listWaits('r1')).toEqual([]);
      await store().deletePendingResume('r1', 'await', 1_000);
      expect(await store().listPendingResumes()).toEqual([]);
    });

    it('a matched callback leaves its payload as a pending resume until the engine deletes it', async () => {
      await store().registerWait(wait('r1', 'K1'));
      await store().registerWait(wait('r2', 'K2'));
      expect((await store().deliver('orders', 'K2', { second: true }, 60_000, 2_000)).outcome).toBe(
        'matched',
      );
      expect((await store().deliver('orders', 'K1', { first: true }, 60_000, 2_500)).outcome).toBe('matched');
      expect(await store().listPendingResumes()).toEqual([
        callback('r2', 'K2', { second: true }, 2_000),
        callback('r1', 'K1', { first: true }, 2_500),
      ]);
      expect(await store().listPendingResumes({ runId: 'r1' })).toEqual([
        callback('r1', 'K1', { first: true }, 2_500),
      ]);
      expect(await store().listPendingResumes({ limit: 1 })).toHaveLength(1);
      // Duplicates, early and late callbacks resume nothing, so they leave nothing pending.
      await store().deliver('orders', 'K1', { again: true }, 60_000, 2_600);
      await store().deliver('orders', 'K9', { early: true }, 60_000, 2_600);
      expect(await store().listPendingResumes()).toHaveLength(2);
      // A guarded delete leaves a newer resume of the node alone.
      await store().deletePendingResume('r1', 'await', 2_499);
      expect(await store().listPendingResumes({ runId: 'r1' })).toHaveLength(1);
      await store().deletePendingResume('r1', 'await', 2_500);
      await store().deletePendingResume('r2', 'await', 2_000);
      await store().deletePendingResume('r2', 'await');
      expect(await store().listPendingResumes()).toEqual([]);
    });

    it('keeps a null payload apart from a missing one', async () => {
      await store().registerWait(wait('r1', 'K1'));
      await store().deliver('orders', 'K1', null, 60_000, 2_000);
      expect(await store().listPendingResumes({ runId: 'r1' })).toEqual([callback('r1', 'K1', null, 2_000)]);
    });

    it('an expired wait leaves a timeout resume without payload; a losing deadline leaves none', async () => {
      await store().registerWait(wait('r1', 'K1'));
      await store().registerWait(wait('r2', 'K2'));
      expect(await store().expireWait('r1', 'await', 9_000)).toBe(true);
      await store().deliver('orders', 'K2', 'paid', 60_000, 8_000);
      expect(await store().expireWait('r2', 'await', 9_000)).toBe(false);
      expect(await store().listPendingResumes({ runId: 'r1' })).toEqual([
        { runId: 'r1', nodeId: 'await', reason: 'timeout', channel: 'orders', key: 'K1', createdAt: 9_000 },
      ]);
      expect((await store().listPendingResumes({ runId: 'r2' }))[0]?.reason).toBe('callback');
    });

    it('a new wait of the same node drops the stale resume; clearRunWaits drops a run’s resumes', async () => {
      await store().registerWait(wait('r1', 'K1'));
      await store().registerWait(wait('r2', 'K2'));
      await store().deliver('orders', 'K1', 1, 60_000, 2_000);
      await store().deliver('orders', 'K2', 2, 60_000, 2_000);
      // The node ran again (its resume was journaled) and waits anew, here on another key.
      await store().registerWait(wait('r1', 'K3'));
      expect(await store().listPendingResumes({ runId: 'r1' })).toEqual([]);
      await store().clearRunWaits('r2');
      expect(await store().listPendingResumes()).toEqual([]);
    });

    it('a callback racing a deadline leaves exactly one pending resume', async () => {
      for (let i = 0; i < 30; i++) {
        await store().registerWait(wait(`run-${i}`, `race-${i}`));
        await Promise.all([
          store().deliver('orders', `race-${i}`, { i }, 60_000, 2_000),
          store().expireWait(`run-${i}`, 'await', 2_000),
        ]);
        expect(await store().listPendingResumes({ runId: `run-${i}` })).toHaveLength(1);
      }
    });

    if (reopen) {
      it('survives close and reopen', async () => {
        const first = await open();
        await first.registerWait(wait('r1', 'K1'));
        await first.deliver('orders', 'K1', { kept: true }, 60_000, 2_000);
        await first.close();
        const second = await reopen(first);
        try {
          expect(await second.listPendingResumes()).toEqual([callback('r1', 'K1', { kept: true }, 2_000)]);
        } finally {
          await second.close();
        }
      });
    }
  });
}
