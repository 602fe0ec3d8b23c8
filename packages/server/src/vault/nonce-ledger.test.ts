import { randomBytes } from 'node:crypto';
import { createPostgresStore } from '@junction/runtime';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresDatabase } from '../db/postgres-database.ts';
import { migrateServerSchema } from '../db/server-schema.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { sqliteDatabase } from '../db/sqlite-database.ts';
import { createNonceLedger } from './nonce-ledger.ts';

const PG_URL = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

/** Two connections to one database, as two processes of a cluster would have. */
const dialects: { name: string; open: () => Promise<[SqlDatabase, SqlDatabase]> }[] = [
  {
    name: 'sqlite',
    open: async () => {
      const path = `/tmp/junction-nonces-${randomBytes(4).toString('hex')}.db`;
      const [a, b] = [new Database(path), new Database(path)];
      closers.push(async () => {
        a.close();
        b.close();
      });
      await migrateServerSchema(sqliteDatabase(a));
      return [sqliteDatabase(a), sqliteDatabase(b)];
    },
  },
  {
    name: 'postgres',
    open: async () => {
      const schema = `jx_nonces_${randomBytes(4).toString('hex')}`;
      const stores = [0, 1].map(() =>
        createPostgresStore({ connectionString: PG_URL, schema, maxConnections: 4 }),
      );
      await stores[0]!.ready;
      await stores[1]!.ready;
      closers.push(async () => {
        await stores[0]!.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        for (const store of stores) await store.close();
      });
      const [a, b] = stores.map((store) => postgresDatabase(store.pool)) as [SqlDatabase, SqlDatabase];
      await migrateServerSchema(a);
      return [a, b];
    },
  },
];

describe.each(dialects)('nonce ledger ($name)', ({ open }) => {
  it('accepts a nonce once per scope within its window, again after it, and after a release', async () => {
    const [db] = await open();
    const ledger = createNonceLedger(db);
    expect(await ledger.claim('cred-a', 'n1', 2_000, 1_000)).toBe(true);
    expect(await ledger.claim('cred-a', 'n1', 2_500, 1_500)).toBe(false);
    expect(await ledger.claim('cred-b', 'n1', 2_000, 1_500)).toBe(true);
    // The window ended: the nonce may be used again, and is then live once more.
    expect(await ledger.claim('cred-a', 'n1', 4_000, 2_000)).toBe(true);
    expect(await ledger.claim('cred-a', 'n1', 4_500, 3_000)).toBe(false);
    await ledger.release('cred-a', 'n1');
    expect(await ledger.claim('cred-a', 'n1', 4_500, 3_000)).toBe(true);
  });

  it('lets exactly one of two processes claiming the same nonce at once win', async () => {
    const [a, b] = await open();
    const ledgers = [createNonceLedger(a), createNonceLedger(b)];
    for (let round = 0; round < 20; round++) {
      const nonce = `race-${round}`;
      const won = await Promise.all(ledgers.map((ledger) => ledger.claim('cred', nonce, 10_000, 1_000)));
      expect(won.filter(Boolean)).toHaveLength(1);
    }
  });
});
