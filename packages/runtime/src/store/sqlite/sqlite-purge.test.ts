import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../index.ts';

const dir = mkdtempSync(join(tmpdir(), 'junction-sqlite-purge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sqlite retention', () => {
  it('gives the space of purged runs back to the file system, then compacts incrementally', async () => {
    const path = join(dir, 'purge.db');
    const store = createSqliteStore({ path });
    const body = 'x'.repeat(2_000);
    for (let i = 0; i < 2_000; i++) {
      const id = `r${String(i).padStart(5, '0')}`;
      await store.createRun({
        id,
        flowId: 'f',
        flowVersion: 1,
        flowHash: 'h',
        status: 'succeeded',
        input: { body },
        test: false,
        createdAt: i,
        updatedAt: i,
        finishedAt: i,
      });
      await store.appendJournal([{ runId: id, seq: 1, type: 'run.completed', at: i, output: { out: body } }]);
    }
    await store.flush();
    store.database.pragma('wal_checkpoint(TRUNCATE)');
    const full = statSync(path).size;
    expect(full).toBeGreaterThan(8_000_000);
    let deleted = 0;
    for (;;) {
      const { runs } = await store.purgeRuns({ succeededBefore: 1_900, limit: 500 });
      if (runs === 0) break;
      deleted += runs;
    }
    expect(deleted).toBe(1_900);
    const first = await store.compact();
    expect(first.bytesAfter).toBeLessThan(full / 5);
    expect(statSync(path).size).toBe(first.bytesAfter);
    expect(store.database.pragma('auto_vacuum', { simple: true })).toBe(2);
    // Later compactions free pages incrementally (no rebuild).
    await store.purgeRuns({ succeededBefore: 2_000 });
    const second = await store.compact();
    expect(second.bytesAfter).toBeLessThan(second.bytesBefore);
    expect((await store.listRuns()).length).toBe(0);
    await store.close();
  });
});
