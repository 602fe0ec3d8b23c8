import { randomBytes } from 'node:crypto';
import { createPostgresStore, createSqliteStore, type RunStore } from '@junction/runtime';
import { afterAll } from 'vitest';
import { postgresDatabase } from '../db/postgres-database.ts';
import { migrateServerSchema } from '../db/server-schema.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { sqliteDatabase } from '../db/sqlite-database.ts';

const PG_URL = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A server database as `openStorage` builds it: the server's tables over the run store's. */
export interface OpenedDatabase {
  store: RunStore;
  db: SqlDatabase;
}

/** One dialect a repository test runs on; `open` makes a fresh, private database each call. */
export interface TestDialect {
  name: 'sqlite' | 'postgres';
  /** `migrate: false` leaves the server's tables out (a test of the migrations themselves). */
  open(options?: { migrate?: boolean }): Promise<OpenedDatabase>;
}

/**
 * A fresh SQLite file and a fresh PostgreSQL schema (on the shared test server) per `open`, for
 * `describe.each`; each is closed, and the schema dropped, after the file's tests.
 * `prefix` names the files and schemas so a leftover says which test made it.
 */
export function serverDialects(prefix: string): TestDialect[] {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });
  const finish = async (opened: OpenedDatabase, migrate = true) => {
    if (migrate) await migrateServerSchema(opened.db);
    return opened;
  };
  const suffix = () => randomBytes(4).toString('hex');
  return [
    {
      name: 'sqlite',
      open: async (options) => {
        const store = createSqliteStore({ path: `/tmp/junction-${prefix}-${suffix()}.db` });
        closers.push(() => store.close());
        return finish({ store, db: sqliteDatabase(store.database) }, options?.migrate);
      },
    },
    {
      name: 'postgres',
      open: async (options) => {
        const schema = `jx_${prefix.replaceAll('-', '_')}_${suffix()}`;
        const store = createPostgresStore({ connectionString: PG_URL, schema, maxConnections: 2 });
        await store.ready;
        closers.push(async () => {
          await store.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await store.close();
        });
        return finish({ store, db: postgresDatabase(store.pool) }, options?.migrate);
      },
    },
  ];
}
