import { describe, expect, it } from 'vitest';
import { makeRun, type OpenStore, useFreshStore } from './suite-context.ts';

/** Conformance: `reopenRun`, the retry of a failed run (atomic, only while failed). */
export function describeReopenConformance(open: OpenStore): void {
  describe('reopening a failed run (retry)', () => {
    const store = useFreshStore(open);
    const failed = makeRun('r1', {
      status: 'failed',
      error: { code: 'JX_X', message: 'boom' },
      finishedAt: 1_500,
      updatedAt: 1_500,
      tags: { environment: 'production' },
    });

    it('queues the run, clears its error and finish time, drops its lease, appends after the journal', async () => {
      const s = store();
      await s.createRun(failed, { owner: 'worker-a', until: 99_999 });
      await s.appendJournal([
        { runId: 'r1', seq: 1, type: 'run.started', at: 1_000 },
        { runId: 'r1', seq: 2, type: 'run.failed', at: 1_500, error: { code: 'JX_X', message: 'boom' } },
      ]);
      const seq = await s.reopenRun!(
        'r1',
        { type: 'run.retried', at: 2_000, data: { retry: 1 } },
        { updatedAt: 2_000, tags: { environment: 'production', retries: 1 } },
      );
      expect(seq).toBe(3);
      expect(await s.getRun('r1')).toEqual(
        makeRun('r1', {
          status: 'queued',
          updatedAt: 2_000,
          tags: { environment: 'production', retries: 1 },
        }),
      );
      expect((await s.readJournal('r1')).map((e) => [e.seq, e.type, e.data ?? null])).toEqual([
        [1, 'run.started', null],
        [2, 'run.failed', null],
        [3, 'run.retried', { retry: 1 }],
      ]);
      // The lease the run ended with is gone: any worker may take the run at once.
      expect(await s.acquireLease('r1', 'worker-b', 2_000, 1_000)).toBe(true);
      // The reopened run is queued without a live lease elsewhere: recovery finds it.
      await s.releaseLease('r1', 'worker-b');
      expect((await s.listOrphanRuns(2_000, 10)).map((r) => r.id)).toEqual(['r1']);
    });

    it('reopens only a failed run, once when two retries race, and keeps tags when none are given', async () => {
      const s = store();
      await s.createRun(failed);
      await s.createRun(makeRun('ok', { status: 'succeeded', finishedAt: 1_200 }));
      await s.appendJournal([{ runId: 'r1', seq: 1, type: 'run.failed', at: 1_500 }]);
      const entry = { type: 'run.retried', at: 2_000 } as const;
      const outcomes = await Promise.all([
        s.reopenRun!('r1', entry, { updatedAt: 2_000 }),
        s.reopenRun!('r1', entry, { updatedAt: 2_000 }),
      ]);
      expect(outcomes.filter((seq) => seq !== undefined)).toEqual([2]);
      expect((await s.getRun('r1'))?.tags).toEqual({ environment: 'production' });
      expect(await s.readJournal('r1')).toHaveLength(2);
      expect(await s.reopenRun!('ok', entry, { updatedAt: 2_000 })).toBeUndefined();
      expect(await s.reopenRun!('missing', entry, { updatedAt: 2_000 })).toBeUndefined();
      expect((await s.getRun('ok'))?.status).toBe('succeeded');
    });
  });
}
