import { randomBytes } from 'node:crypto';
import { createPostgresStore } from '@junction/runtime';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresDatabase } from '../db/postgres-database.ts';
import { migrateServerSchema } from '../db/server-schema.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { sqliteDatabase } from '../db/sqlite-database.ts';
import { FlowRepository } from '../flows/flow-repository.ts';
import { FlowTestRepository } from './flow-test-repository.ts';
import type { TestFileResult } from './run-test-file.ts';

const PG_URL = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

const dialects: { name: string; open: () => Promise<SqlDatabase> }[] = [
  {
    name: 'sqlite',
    open: async () => {
      const database = new Database(`/tmp/junction-flow-tests-${randomBytes(4).toString('hex')}.db`);
      closers.push(async () => void database.close());
      const db = sqliteDatabase(database);
      await migrateServerSchema(db);
      return db;
    },
  },
  {
    name: 'postgres',
    open: async () => {
      const schema = `jx_flow_tests_${randomBytes(4).toString('hex')}`;
      const store = createPostgresStore({ connectionString: PG_URL, schema, maxConnections: 2 });
      await store.ready;
      closers.push(async () => {
        await store.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await store.close();
      });
      const db = postgresDatabase(store.pool);
      await migrateServerSchema(db);
      // Twice, as a second process starting on the same database would: nothing is applied again.
      await migrateServerSchema(db);
      return db;
    },
  },
];

const result = (passed: boolean[]): TestFileResult =>
  ({
    file: 'f.tests.json',
    flowId: 'f',
    passed: passed.every(Boolean),
    cases: passed.map((p, i) => ({ name: `c${i}`, passed: p })),
  }) as TestFileResult;

describe.each(dialects)('flow test files and version results ($name)', ({ open }) => {
  it('stores, replaces and forgets a test file, and records one result per version', async () => {
    const db = await open();
    const tests = new FlowTestRepository(db);
    expect(await tests.find('f')).toBeUndefined();
    await tests.save('f', { schemaVersion: 1, cases: [{ name: 'a', expect: {} }] }, 1_000);
    const file = {
      schemaVersion: 1 as const,
      cases: [{ name: 'b', expect: { status: 'succeeded' as const } }],
    };
    await tests.save('f', file, 2_000);
    expect(await tests.find('f')).toEqual({ tests: file, updatedAt: 2_000 });

    expect(await tests.record('f', 1, result([true, false, false]), 3_000)).toEqual({
      passed: false,
      ranAt: 3_000,
      total: 3,
      failed: 2,
    });
    await tests.record('f', 1, result([true, true]), 4_000);
    await tests.record('f', 2, result([false]), 5_000);
    expect(await tests.summary('f', 1)).toEqual({ passed: true, ranAt: 4_000, total: 2, failed: 0 });
    expect([...(await tests.summaries('f'))]).toEqual([
      [1, { passed: true, ranAt: 4_000, total: 2, failed: 0 }],
      [2, { passed: false, ranAt: 5_000, total: 1, failed: 1 }],
    ]);
    expect(await tests.summary('f', 3)).toBeUndefined();
  });

  it('deleting the flow deletes its tests and their results', async () => {
    const db = await open();
    const flows = new FlowRepository(db);
    const tests = new FlowTestRepository(db);
    await flows.save({ schemaVersion: 1, id: 'g', name: 'G', nodes: [], edges: [] });
    await tests.save('g', { schemaVersion: 1, cases: [{ name: 'a', expect: {} }] });
    await tests.record('g', 1, result([true]));
    await flows.delete('g');
    expect(await tests.find('g')).toBeUndefined();
    expect((await tests.summaries('g')).size).toBe(0);
  });
});
