import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../run-records.ts';
import { type OpenStore, useFreshStore } from './suite-context.ts';

function entry(runId: string, seq: number, extra: Partial<JournalEntry> = {}): JournalEntry {
  return { runId, seq, type: 'node.completed', nodeId: `n${seq}`, at: 1_000 + seq, ...extra };
}

/** Conformance: the append-only journal. */
export function describeJournalConformance(open: OpenStore): void {
  describe('journal', () => {
    const store = useFreshStore(open);

    it('round-trips every field and reads without an explicit flush', async () => {
      const full: JournalEntry = {
        runId: 'r1',
        seq: 1,
        type: 'node.failed',
        nodeId: 'createOrder',
        at: 5,
        attempt: 2,
        input: { sku: 'A1', qty: 1 },
        output: { out: null, error: { reason: 'x' } },
        error: { code: 'JX_HTTP', message: 'timeout', details: { status: 504 } },
        data: ['any', 1, true, null],
        durationMs: 12,
      };
      await store().appendJournal([full, entry('r1', 2, { type: 'run.failed' })]);
      const read = await store().readJournal('r1');
      expect(read).toEqual([full, entry('r1', 2, { type: 'run.failed' })]);
      expect(read[1]).not.toHaveProperty('attempt');
      expect(await store().readJournal('unknown')).toEqual([]);
    });

    it('keeps order per run across many interleaved appends', async () => {
      const appends: Promise<void>[] = [];
      for (let seq = 1; seq <= 300; seq++) {
        appends.push(store().appendJournal([entry('a', seq), entry('b', seq, { output: { out: seq } })]));
      }
      await Promise.all(appends);
      await store().flush();
      const a = await store().readJournal('a');
      const b = await store().readJournal('b');
      expect(a.map((e) => e.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
      expect(b.map((e) => e.output?.out)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    });

    it('ignores a replayed entry with a seq already stored (the first write wins)', async () => {
      await store().appendJournal([entry('r1', 1, { data: 'first' }), entry('r1', 2)]);
      await store().appendJournal([entry('r1', 2, { data: 'replayed' }), entry('r1', 3)]);
      const read = await store().readJournal('r1');
      expect(read.map((e) => [e.seq, e.data])).toEqual([
        [1, 'first'],
        [2, undefined],
        [3, undefined],
      ]);
    });

    it('does not share mutable state with the caller', async () => {
      const mine = entry('r1', 1, { output: { out: { n: 1 } } });
      await store().appendJournal([mine]);
      (mine.output as { out: { n: number } }).out.n = 99;
      const [first] = await store().readJournal('r1');
      expect(first?.output).toEqual({ out: { n: 1 } });
    });
  });
}
