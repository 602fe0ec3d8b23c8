import { randomBytes } from 'node:crypto';
import { createPostgresStore, createSqliteStore, type RunRecord, type RunStore } from '@junction/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresDatabase } from '../db/postgres-database.ts';
import { migrateServerSchema } from '../db/server-schema.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { sqliteDatabase } from '../db/sqlite-database.ts';
import { findRunsByKey } from './find-runs-by-key.ts';

const PG_URL = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

/** The server's database over the store's, as `openStorage` builds them. */
const dialects: { name: string; open: () => Promise<{ store: RunStore; db: SqlDatabase }> }[] = [
  {
    name: 'sqlite',
    open: async () => {
      const store = createSqliteStore({ path: `/tmp/junction-keys-${randomBytes(4).toString('hex')}.db` });
      closers.push(() => store.close());
      const db = sqliteDatabase(store.database);
      await migrateServerSchema(db);
      return { store, db };
    },
  },
  {
    name: 'postgres',
    open: async () => {
      const schema = `jx_keys_${randomBytes(4).toString('hex')}`;
      const store = createPostgresStore({ connectionString: PG_URL, schema, maxConnections: 2 });
      await store.ready;
      closers.push(async () => {
        await store.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await store.close();
      });
      const db = postgresDatabase(store.pool);
      await migrateServerSchema(db);
      return { store, db };
    },
  },
];

const run = (
  id: string,
  input: RunRecord['input'],
  createdAt: number,
  status: RunRecord['status'] = 'failed',
) =>
  ({
    id,
    flowId: 'orders',
    flowVersion: 1,
    flowHash: 'h',
    status,
    input,
    test: false,
    createdAt,
    updatedAt: createdAt,
  }) satisfies RunRecord;

describe.each(dialects)('findRunsByKey ($name)', ({ open }) => {
  it('matches whole input values at any depth and callback correlation keys, with the other filters', async () => {
    const { store, db } = await open();
    await store.createRun(run('r1', { order: 'A-1001' }, 1_000, 'succeeded'));
    await store.createRun(run('r2', { lines: [{ ref: 'A-1001' }], qty: 1001 }, 2_000));
    await store.createRun(run('r3', { note: 'A-1001 later', other: 'A-10011', odd: 'A_1001' }, 3_000));
    await store.createRun(run('r4', { order: 'quote"d\\key' }, 4_000));
    await store.createRun(run('r5', { order: 'SHOP-9' }, 5_000, 'waiting'));
    await store.flush();
    await db.run(
      "INSERT INTO srv_callbacks (channel, key, outcome, run_id, at) VALUES ('orders', 'SUP-9', 'matched', 'r5', 6000)",
    );
    await db.run(
      "INSERT INTO srv_callbacks (channel, key, outcome, at) VALUES ('orders', 'SUP-9', 'early', 5500)",
    );
    const ids = async (key: string, filter = {}) =>
      (await findRunsByKey({ db, store }, key, { limit: 50, ...filter })).map((r) => r.id);

    expect(await ids('A-1001')).toEqual(['r2', 'r1']);
    expect(await ids('A-1001', { status: 'failed' })).toEqual(['r2']);
    expect(await ids('A-1001', { since: 1_500 })).toEqual(['r2']);
    expect(await ids('A-1001', { limit: 1 })).toEqual(['r2']);
    expect(await ids('A-1001', { limit: 1, before: 'r2' })).toEqual(['r1']);
    expect(await ids('A-1001', { before: 'r1' })).toEqual([]);
    expect(await ids('A_100_')).toEqual([]);
    expect(await ids('%')).toEqual([]);
    expect(await ids('1001')).toEqual(['r2']);
    expect(await ids('quote"d\\key')).toEqual(['r4']);
    expect(await ids('SUP-9')).toEqual(['r5']);
    expect(await ids('SUP-9', { flowId: 'another' })).toEqual([]);
  });
});
