import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresStore, type PostgresRunStore } from '../../index.ts';
import { describePurgeConformance } from '../conformance/purge-suite.ts';
import type { RunStore } from '../run-store.ts';
import { describeRunStore } from '../store-conformance.ts';

// The test command starts a server here; without one these tests fail loudly, never skip.
const connectionString = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const prefix = `jx_test_${randomUUID().slice(0, 8)}`;
const schemas: string[] = [];

const fresh = async (): Promise<PostgresRunStore> => {
  const schema = `${prefix}_${schemas.length}`;
  schemas.push(schema);
  const store = createPostgresStore({ connectionString, schema, maxConnections: 4 });
  await store.ready;
  return store;
};

afterAll(async () => {
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  try {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.end();
  }
});

describePurgeConformance(fresh);

describeRunStore('postgres', fresh, {
  reopen: async (closed: RunStore) => {
    const store = createPostgresStore({ connectionString, schema: (closed as PostgresRunStore).schema });
    await store.ready;
    return store;
  },
});

describe('postgres store', () => {
  it('creates its tables in its own schema and records the schema version', async () => {
    const store = await fresh();
    const tables = await store.pool.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [store.schema],
    );
    expect(tables.rows.map((row) => row.table_name)).toContain('journal');
    expect((await store.pool.query('SELECT version FROM schema_version')).rows).toEqual([{ version: 5 }]);
    expect(tables.rows.map((row) => row.table_name)).toContain('callback_notices');
    await store.close();
  });

  it('lets two stores on one schema (two workers) settle races between them', async () => {
    const a = await fresh();
    const b = createPostgresStore({ connectionString, schema: a.schema, maxConnections: 4 });
    try {
      for (let i = 0; i < 20; i++) {
        await a.registerWait({ runId: `r${i}`, nodeId: 'n', channel: 'c', key: `k${i}`, createdAt: 1 });
        const [delivered, expired] = await Promise.all([
          b.deliver('c', `k${i}`, { i }, 1_000, 2),
          a.expireWait(`r${i}`, 'n'),
        ]);
        expect(delivered.outcome === 'matched').toBe(!expired);
      }
      for (let i = 0; i < 30; i++)
        await a.putTimer({ id: `t${i}`, runId: 'r', nodeId: 'n', kind: 'sleep', dueAt: i });
      const claims = await Promise.all([
        a.claimDueTimers(100, 30, 10_000),
        b.claimDueTimers(100, 30, 10_000),
        a.claimDueTimers(100, 30, 10_000),
      ]);
      const ids = claims.flat().map((t) => t.id);
      expect(new Set(ids).size).toBe(30);
      expect(ids).toHaveLength(30);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('reports an unreachable server through ready and every call', async () => {
    const store = createPostgresStore({ connectionString: 'postgres://postgres@127.0.0.1:1/none' });
    await expect(store.ready).rejects.toThrow();
    await expect(store.getRun('x')).rejects.toThrow();
    await store.close();
  });
});
