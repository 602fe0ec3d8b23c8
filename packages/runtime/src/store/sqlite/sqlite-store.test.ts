import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore, type SqliteRunStore } from '../../index.ts';
import { describePurgeConformance } from '../conformance/purge-suite.ts';
import type { RunStore } from '../run-store.ts';
import { describeRunStore } from '../store-conformance.ts';

const dir = mkdtempSync(join(tmpdir(), 'junction-sqlite-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fresh = (): SqliteRunStore => createSqliteStore({ path: join(dir, `store-${++files}.db`) });

describePurgeConformance(async () => fresh());

describeRunStore('sqlite', async () => fresh(), {
  reopen: async (closed: RunStore) => createSqliteStore({ path: (closed as SqliteRunStore).path }),
});

describe('sqlite store', () => {
  it('creates the schema once and records its version', async () => {
    const store = fresh();
    await store.close();
    const again = createSqliteStore({ path: store.path });
    expect(again.database.prepare('SELECT version FROM schema_version').pluck().all()).toEqual([5]);
    expect(again.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(again.database.pragma('synchronous', { simple: true })).toBe(1);
    await again.close();
  });

  it('migration 3 keeps the callbacks of a version 2 file: an inbox payload, a delivered key', async () => {
    const store = fresh();
    store.database.exec(`DROP TABLE callback_notices; ALTER TABLE pending_resumes DROP COLUMN context;
      ALTER TABLE callback_keys DROP COLUMN marked_at;
      UPDATE schema_version SET version = 2;
      INSERT INTO callback_keys VALUES ('orders', 'early', 'inbox', '{"state":"success"}', 9000000000000);
      INSERT INTO callback_keys VALUES ('orders', 'done', 'delivered', NULL, NULL);`);
    await store.close();
    const again = createSqliteStore({ path: store.path });
    const wait = { runId: 'r1', nodeId: 'await', channel: 'orders', key: 'early', createdAt: 1_000 };
    expect(await again.registerWait(wait)).toEqual({ status: 'early', payload: { state: 'success' } });
    expect(again.database.prepare('SELECT COUNT(*) FROM callback_keys').pluck().get()).toBe(0);
    expect(await again.deliver('orders', 'done', { state: 'success' }, 1_000, 2_000)).toEqual({
      outcome: 'early',
    });
    await again.close();
  });

  it('migration 4 keeps the inbox and pending resumes of a version 3 file, without headers and query', async () => {
    const store = fresh();
    await store.deliver('orders', 'kept', { state: 'success' }, 60_000, 1_000);
    await store.registerWait({
      runId: 'r0',
      nodeId: 'await',
      channel: 'orders',
      key: 'claimed',
      createdAt: 1_000,
    });
    await store.deliver('orders', 'claimed', { state: 'processing' }, 60_000, 1_100);
    store.database.exec(`ALTER TABLE callback_notices DROP COLUMN context; ALTER TABLE callback_keys DROP COLUMN marked_at;
      ALTER TABLE pending_resumes DROP COLUMN context; UPDATE schema_version SET version = 3;`);
    await store.close();
    const again = createSqliteStore({ path: store.path });
    const wait = { runId: 'r1', nodeId: 'await', channel: 'orders', key: 'kept', createdAt: 2_000 };
    expect(await again.registerWait(wait)).toEqual({ status: 'early', payload: { state: 'success' } });
    expect(await again.listPendingResumes({ runId: 'r0' })).toEqual([
      expect.objectContaining({ payload: { state: 'processing' }, createdAt: 1_100 }),
    ]);
    expect((await again.listPendingResumes({ runId: 'r0' }))[0]).not.toHaveProperty('context');
    await again.close();
  });

  it('refuses a file written by a newer schema with JX_STORE_SCHEMA_TOO_NEW', async () => {
    const store = fresh();
    store.database.prepare('UPDATE schema_version SET version = 99').run();
    await store.close();
    expect(() => createSqliteStore({ path: store.path })).toThrow(
      expect.objectContaining({ code: 'JX_STORE_SCHEMA_TOO_NEW' }),
    );
  });

  it('batches appends into the next tick, before any later write, and flush makes them durable', async () => {
    const store = fresh();
    const peek = store.database.prepare('SELECT COUNT(*) FROM journal').pluck();
    await store.appendJournal([{ runId: 'r1', seq: 1, type: 'run.started', at: 1 }]);
    expect(peek.get()).toBe(0);
    await store.createRun({
      id: 'r1',
      flowId: 'f',
      flowVersion: 1,
      flowHash: 'h',
      status: 'running',
      input: null,
      test: false,
      createdAt: 1,
      updatedAt: 1,
    });
    // The run write carried the queued journal row with it, in the same transaction.
    expect(peek.get()).toBe(1);
    await store.appendJournal([{ runId: 'r1', seq: 2, type: 'run.completed', at: 2 }]);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    // Journal rows alone wait up to journalDelayMs (20 ms) for something to carry them.
    expect(peek.get()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(peek.get()).toBe(2);
    await store.appendJournal([{ runId: 'r1', seq: 3, type: 'run.completed', at: 3 }]);
    await store.flush();
    expect(peek.get()).toBe(3);
    await store.close();
  });

  it('keeps queued appends when the write that carried them fails', async () => {
    const store = fresh();
    await store.createRun({
      id: 'r1',
      flowId: 'f',
      flowVersion: 1,
      flowHash: 'h',
      status: 'running',
      input: null,
      test: false,
      createdAt: 1,
      updatedAt: 1,
    });
    await store.appendJournal([{ runId: 'r1', seq: 1, type: 'run.started', at: 1 }]);
    await expect(
      store.createRun({
        id: 'r1',
        flowId: 'f',
        flowVersion: 1,
        flowHash: 'h',
        status: 'running',
        input: null,
        test: false,
        createdAt: 1,
        updatedAt: 1,
      }),
    ).rejects.toMatchObject({ code: 'JX_RUN_EXISTS' });
    expect((await store.readJournal('r1')).map((e) => e.seq)).toEqual([1]);
    await store.close();
  });

  it('reports a journal write that cannot get the lock, keeps the rows and writes them on the next flush', async () => {
    const store = createSqliteStore({ path: join(dir, 'locked.db'), busyTimeoutMs: 20 });
    const other = createSqliteStore({ path: store.path });
    other.database.exec('BEGIN IMMEDIATE');
    await store.appendJournal([{ runId: 'r1', seq: 1, type: 'run.started', at: 1 }]);
    await expect(store.flush()).rejects.toMatchObject({ code: 'JX_STORE_WRITE_FAILED' });
    other.database.exec('COMMIT');
    await store.flush();
    expect((await other.readJournal('r1')).map((e) => e.seq)).toEqual([1]);
    await other.close();
    await store.close();
  });

  it('shares its database so other tables can live in the same file', async () => {
    const store = fresh();
    store.database.exec('CREATE TABLE IF NOT EXISTS server_things (id TEXT PRIMARY KEY)');
    store.database.prepare('INSERT INTO server_things VALUES (?)').run('x');
    await store.close();
    const again = createSqliteStore({ path: store.path });
    expect(again.database.prepare('SELECT id FROM server_things').pluck().all()).toEqual(['x']);
    await again.close();
  });

  it('lets two connections to one file see each other and settle races through the file lock', async () => {
    const a = fresh();
    const b = createSqliteStore({ path: a.path });
    await a.registerWait({ runId: 'r1', nodeId: 'n', channel: 'c', key: 'k', createdAt: 1 });
    const [delivered, expired] = await Promise.all([
      b.deliver('c', 'k', {}, 1_000, 2),
      a.expireWait('r1', 'n'),
    ]);
    expect(delivered.outcome === 'matched').toBe(!expired);
    expect(await a.acquireLease('r1', 'a', 0, 1_000)).toBe(true);
    expect(await b.acquireLease('r1', 'b', 10, 1_000)).toBe(false);
    await a.close();
    await b.close();
  });
});

/** Runs the crash child until it reports `ready`, then SIGKILLs it. */
async function writeThenKill(path: string, mode: 'plain' | 'hold-lock'): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./crash-child.fixture.ts', import.meta.url)), path, mode],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`crash child exited early with code ${code}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('sqlite store after a killed process', () => {
  it('keeps everything the killed process committed, its run lease included', {
    timeout: 20_000,
  }, async () => {
    const path = join(dir, 'crash-plain.db');
    await writeThenKill(path, 'plain');
    const store = createSqliteStore({ path });
    expect((await store.getRun('crashed'))?.status).toBe('running');
    expect((await store.readJournal('crashed')).map((e) => e.type)).toEqual(['run.started']);
    // The dead worker's lease is still live: another worker may recover the run only once it expires.
    expect(await store.listOrphanRuns(Date.now(), 10)).toEqual([]);
    expect((await store.listOrphanRuns(Date.now() + 120_000, 10)).map((r) => r.id)).toEqual(['crashed']);
    await store.close();
  });

  it('is not locked out by a process killed inside a write transaction', { timeout: 20_000 }, async () => {
    const path = join(dir, 'crash-lock.db');
    await writeThenKill(path, 'hold-lock');
    const store = createSqliteStore({ path, busyTimeoutMs: 2_000 });
    await store.kvSet('x', 'after', 1, undefined);
    expect(await store.kvGet('x', 'uncommitted', 0)).toBeUndefined();
    expect(await store.kvGet('x', 'after', 0)).toBe(1);
    await store.close();
  });
});
