import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore, type RunRecord, type SqliteRunStore } from '../../index.ts';

const dir = mkdtempSync(join(tmpdir(), 'junction-write-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fresh = (busyTimeoutMs?: number): SqliteRunStore =>
  createSqliteStore({
    path: join(dir, `queue-${++files}.db`),
    ...(busyTimeoutMs === undefined ? {} : { busyTimeoutMs }),
  });

const run = (id: string): RunRecord => ({
  id,
  flowId: 'f',
  flowVersion: 1,
  flowHash: 'h',
  status: 'running',
  input: { big: 'x'.repeat(100) },
  test: false,
  createdAt: 1,
  updatedAt: 1,
});

describe('sqlite write batching (runs, leases and journal in one transaction per turn)', () => {
  it('writes nothing until the turn ends, then everything in call order', async () => {
    const store = fresh();
    const other = createSqliteStore({ path: store.path });
    // data_version changes in one connection each time another connection commits.
    const seen = other.database.prepare('PRAGMA data_version').pluck();
    const before = seen.get() as number;
    const writes = Promise.all([
      store.createRun(run('r1')),
      store.acquireLease('r1', 'w', 0, 1_000),
      store.appendJournal([{ runId: 'r1', seq: 1, type: 'run.started', at: 1 }]),
      store.updateRun('r1', { status: 'succeeded', output: 42, updatedAt: 2, finishedAt: 2 }),
      store.createRun(run('r2')),
    ]);
    expect(store.database.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(0);
    expect(await writes).toEqual([undefined, true, undefined, undefined, undefined]);
    expect(seen.get() as number).toBe(before + 1);
    expect(await other.getRun('r1')).toMatchObject({
      status: 'succeeded',
      output: 42,
      input: { big: 'x'.repeat(100) },
    });
    expect(await other.acquireLease('r1', 'other', 10, 1_000)).toBe(false);
    expect((await other.readJournal('r1')).map((entry) => entry.type)).toEqual(['run.started']);
    await other.close();
    await store.close();
  });

  it('a write that fails rejects alone; the rest of its batch commits', async () => {
    const store = fresh();
    await store.createRun(run('r1'));
    const results = await Promise.allSettled([
      store.createRun(run('r2')),
      store.createRun(run('r1')),
      store.updateRun('missing', { status: 'failed' }),
      store.updateRun('r2', { status: 'waiting' }),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'JX_RUN_EXISTS' });
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'JX_RUN_NOT_FOUND' });
    expect((await store.getRun('r2'))?.status).toBe('waiting');
    await store.close();
  });

  it('when the batch cannot commit, its writes reject and its journal rows wait for the next flush', async () => {
    const store = fresh(20);
    const other = createSqliteStore({ path: store.path });
    other.database.exec('BEGIN IMMEDIATE');
    await store.appendJournal([{ runId: 'r1', seq: 1, type: 'run.started', at: 1 }]);
    await expect(store.createRun(run('r1'))).rejects.toMatchObject({ code: 'JX_STORE_WRITE_FAILED' });
    other.database.exec('COMMIT');
    await store.flush();
    expect(await other.getRun('r1')).toBeUndefined();
    expect((await other.readJournal('r1')).map((entry) => entry.seq)).toEqual([1]);
    await other.close();
    await store.close();
  });

  it('a read or an immediate write first writes what is queued', async () => {
    const store = fresh();
    const created = store.createRun(run('r1'));
    expect((await store.getRun('r1'))?.id).toBe('r1');
    await created;
    const updated = store.updateRun('r1', { status: 'waiting' });
    await store.registerWait({ runId: 'r1', nodeId: 'n', channel: 'c', key: 'k', createdAt: 1 });
    await updated;
    expect((await store.getRun('r1'))?.status).toBe('waiting');
    await store.close();
  });
});
