import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostgresRunStore, RunRecord, RunStatus } from '@junction/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../server/open-storage.ts';
import { purgeNow } from './purge-runner.ts';
import { RetentionPolicyRepository } from './retention-policies.ts';
import { DEFAULT_RETENTION, type RetentionSettings } from './retention-settings.ts';

const DAY = 86_400_000;
const NOW = 1_000 * DAY;
const connectionString = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schemas: string[] = [];
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Closes a storage; a PostgreSQL one drops its schema first. */
async function done(storage: Storage): Promise<void> {
  const { schema, pool } = storage.store as Partial<PostgresRunStore>;
  if (schema && pool && schemas.includes(schema))
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await storage.store.close();
}

const kinds: { name: string; open: () => Promise<Storage> }[] = [
  {
    name: 'SQLite',
    open: () => {
      const dir = mkdtempSync(join(tmpdir(), 'junction-purge-'));
      dirs.push(dir);
      return openStorage({ dataDir: dir });
    },
  },
  {
    name: 'PostgreSQL',
    open: () => {
      const schema = `jx_purge_${randomUUID().slice(0, 8)}`;
      schemas.push(schema);
      return openStorage({ dataDir: tmpdir(), databaseUrl: connectionString, databaseSchema: schema });
    },
  },
];

async function seed(storage: Storage, id: string, flowId: string, status: RunStatus, daysAgo: number) {
  const at = NOW - daysAgo * DAY;
  const run: RunRecord = {
    id,
    flowId,
    flowVersion: 1,
    flowHash: 'h',
    status,
    input: { order: id },
    test: false,
    createdAt: at,
    updatedAt: at,
    ...(['succeeded', 'failed', 'cancelled'].includes(status) ? { finishedAt: at } : {}),
  };
  await storage.store.createRun(run);
  await storage.store.appendJournal([
    { runId: id, seq: 1, type: 'run.started', at },
    { runId: id, seq: 2, type: 'run.completed', at },
  ]);
}

const settings: RetentionSettings = {
  ...DEFAULT_RETENTION,
  succeededDays: 30,
  failedDays: 90,
  callbackDays: 30,
};

describe.each(kinds)('retention purge on $name', ({ open }) => {
  it('applies each flow’s policy over the defaults, in batches, and never an active run', async () => {
    const storage = await open();
    try {
      for (let i = 0; i < 5; i++) await seed(storage, `shop-ok-${i}`, 'shop', 'succeeded', 40 + i);
      await seed(storage, 'shop-failed', 'shop', 'failed', 40);
      await seed(storage, 'shop-old-failed', 'shop', 'failed', 100);
      await seed(storage, 'shop-waiting', 'shop', 'waiting', 400);
      await seed(storage, 'shop-running', 'shop', 'running', 400);
      // Its own policy: succeeded runs forever, failed 10 days, at most 3 finished runs.
      for (let i = 0; i < 5; i++) await seed(storage, `keep-ok-${i}`, 'keep', 'succeeded', 400 + i);
      await seed(storage, 'keep-failed', 'keep', 'failed', 20);
      const policies = new RetentionPolicyRepository(storage.db);
      await policies.put('keep', { succeededDays: null, failedDays: 10, maxRuns: 3 });

      const report = await purgeNow(
        { store: storage.store, db: storage.db, settings, policies: await policies.list() },
        { now: NOW, batch: 2 },
      );
      // shop: five succeeded past 30 days and one failed past 90; keep: the failed one past 10 days, and
      // of the three newest finished runs (keep-failed, keep-ok-0, keep-ok-1) only the two left.
      expect(report).toMatchObject({ runs: 10, journalEntries: 20 });
      expect(report.bytesAfter).toBeGreaterThan(0);
      const left = (await storage.store.listRuns()).map((run) => run.id).sort();
      expect(left).toEqual(['keep-ok-0', 'keep-ok-1', 'shop-failed', 'shop-running', 'shop-waiting']);
      expect(await storage.store.readJournal('shop-ok-0')).toEqual([]);
      expect(await storage.store.readJournal('shop-waiting')).toHaveLength(2);
    } finally {
      await done(storage);
    }
  });

  it('deletes the callback log, callback markers, expired cache rows and nonces past their time', async () => {
    const storage = await open();
    try {
      const { db, store } = storage;
      await db.run('INSERT INTO srv_callbacks (channel, key, outcome, at) VALUES (?, ?, ?, ?)', [
        'orders',
        'A-1',
        'matched',
        NOW - 31 * DAY,
      ]);
      await db.run('INSERT INTO srv_callbacks (channel, key, outcome, at) VALUES (?, ?, ?, ?)', [
        'orders',
        'A-2',
        'matched',
        NOW - DAY,
      ]);
      await db.run('INSERT INTO srv_nonces (scope, nonce, expires_at) VALUES (?, ?, ?)', [
        's',
        'n1',
        NOW - 1,
      ]);
      await db.run('INSERT INTO srv_nonces (scope, nonce, expires_at) VALUES (?, ?, ?)', [
        's',
        'n2',
        NOW + DAY,
      ]);
      await store.kvSet('cache', 'old', 1, NOW - 1);
      await store.kvSet('cache', 'kept', 1, NOW + DAY);
      await store.registerWait({ runId: 'r', nodeId: 'w', channel: 'orders', key: 'A-1', createdAt: 1 });
      await store.deliver('orders', 'A-1', { state: 'success' }, DAY, NOW - 40 * DAY);

      const report = await purgeNow({ store, db, settings, policies: [] }, { now: NOW, compact: false });
      expect(report).toMatchObject({ runs: 0, callbackLogs: 1, callbackMarks: 1, kv: 1, nonces: 1 });
      expect(report.bytesBefore).toBeUndefined();
      const logs = await db.all<{ key: string }>('SELECT key FROM srv_callbacks');
      expect(logs.map((row) => row.key)).toEqual(['A-2']);
      expect(await store.kvGet('cache', 'kept', NOW)).toBe(1);
      // The delivered marker is gone: the same notice again is no longer a duplicate.
      expect((await store.deliver('orders', 'A-1', { state: 'success' }, DAY, NOW)).outcome).toBe('early');
    } finally {
      await done(storage);
    }
  });

  it('keeps everything with retention off', async () => {
    const storage = await open();
    try {
      await seed(storage, 'ancient', 'shop', 'succeeded', 900);
      await storage.db.run('INSERT INTO srv_callbacks (channel, key, outcome, at) VALUES (?, ?, ?, ?)', [
        'orders',
        'A-1',
        'matched',
        1,
      ]);
      const off: RetentionSettings = {
        ...settings,
        succeededDays: null,
        failedDays: null,
        callbackDays: null,
      };
      const report = await purgeNow(
        { store: storage.store, db: storage.db, settings: off, policies: [] },
        { now: NOW, compact: false },
      );
      expect(report).toMatchObject({ runs: 0, callbackLogs: 0, callbackMarks: 0 });
      expect(await storage.store.getRun('ancient')).toBeDefined();
    } finally {
      await done(storage);
    }
  });
});
