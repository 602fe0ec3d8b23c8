import type { Pool } from 'pg';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../run-records.ts';
import { PgJournalBatcher } from './pg-journal-batcher.ts';

/** A pool whose queries the test answers one by one; it records the seqs each INSERT carried. */
function scriptedPool() {
  const written: number[][] = [];
  const calls: { seqs: number[]; settle: (error?: Error) => void }[] = [];
  const pool = {
    query: (_sql: string, columns: unknown[][]) =>
      new Promise<void>((resolve, reject) => {
        const seqs = columns[1] as number[];
        calls.push({
          seqs,
          settle: (error) => {
            if (error) return reject(error);
            written.push(seqs);
            resolve();
          },
        });
      }),
  } as unknown as Pool;
  return { pool, written, calls };
}

const entry = (seq: number): JournalEntry => ({
  runId: 'r1',
  seq,
  type: 'node.started',
  nodeId: 'n',
  at: seq,
});
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('PgJournalBatcher', () => {
  it('never writes a batch chained behind one that failed: the rows go back in order, no gap', async () => {
    const { pool, written, calls } = scriptedPool();
    const batcher = new PgJournalBatcher(pool);
    batcher.enqueue([entry(1), entry(2)]);
    const first = batcher.flush();
    batcher.enqueue([entry(3)]);
    const second = batcher.flush();
    await turn();
    expect(calls.map((c) => c.seqs)).toEqual([[1, 2]]);
    calls[0]!.settle(new Error('Connection terminated unexpectedly'));
    await expect(first).rejects.toMatchObject({ code: 'JX_STORE_UNAVAILABLE' });
    // Written now, seq 3 would land without 1 and 2 (the gap that left runs JX_RUN_STUCK).
    await expect(second).rejects.toMatchObject({ code: 'JX_STORE_UNAVAILABLE' });
    expect(calls).toHaveLength(1);

    batcher.enqueue([entry(4)]);
    const retry = batcher.flush();
    await turn();
    expect(calls[1]!.seqs).toEqual([1, 2, 3, 4]);
    calls[1]!.settle();
    await retry;
    expect(written).toEqual([[1, 2, 3, 4]]);
  });

  it('forgets a discarded run’s rows that were put back', async () => {
    const { pool, calls } = scriptedPool();
    const batcher = new PgJournalBatcher(pool);
    batcher.enqueue([entry(1)]);
    const first = batcher.flush();
    await turn();
    calls[0]!.settle(new Error('Connection terminated unexpectedly'));
    await expect(first).rejects.toMatchObject({ code: 'JX_STORE_UNAVAILABLE' });
    batcher.discard('r1');
    await batcher.flush();
    expect(calls).toHaveLength(1);
  });
});
