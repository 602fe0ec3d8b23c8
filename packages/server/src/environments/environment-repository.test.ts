import { randomBytes } from 'node:crypto';
import { createPostgresStore } from '@junction/runtime';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresDatabase } from '../db/postgres-database.ts';
import { migrateServerSchema } from '../db/server-schema.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { sqliteDatabase } from '../db/sqlite-database.ts';
import { DeploymentRepository } from '../deploy/deployment-repository.ts';
import { EnvironmentRepository } from './environment-repository.ts';

const PG_URL = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

const dialects: { name: string; open: () => Promise<SqlDatabase> }[] = [
  {
    name: 'sqlite',
    open: async () => {
      const db = new Database(`/tmp/junction-env-${randomBytes(4).toString('hex')}.db`);
      closers.push(async () => {
        db.close();
      });
      return sqliteDatabase(db);
    },
  },
  {
    name: 'postgres',
    open: async () => {
      const schema = `jx_env_${randomBytes(4).toString('hex')}`;
      const store = createPostgresStore({ connectionString: PG_URL, schema, maxConnections: 2 });
      await store.ready;
      closers.push(async () => {
        await store.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await store.close();
      });
      return postgresDatabase(store.pool);
    },
  },
];

/** Puts the database back to the shape before environments: one deployment row per flow. */
async function asBeforeEnvironments(db: SqlDatabase): Promise<void> {
  await db.batch([
    { sql: "DELETE FROM srv_migrations WHERE name = 'environments-001'" },
    { sql: 'DROP TABLE srv_environments' },
    { sql: 'DROP TABLE srv_deployment_history' },
    { sql: 'DROP TABLE srv_deployments' },
    {
      sql: `CREATE TABLE srv_deployments (flow_id TEXT PRIMARY KEY, version INTEGER NOT NULL, canary TEXT,
            previous INTEGER, deployed_at BIGINT NOT NULL)`,
    },
    {
      sql: 'INSERT INTO srv_deployments (flow_id, version, canary, previous, deployed_at) VALUES (?, ?, ?, ?, ?)',
      params: ['shop', 3, null, 2, 1_000],
    },
  ]);
}

describe.each(dialects)('environments ($name)', ({ open }) => {
  it('migrates deployments made before environments to production', async () => {
    const db = await open();
    await migrateServerSchema(db);
    await asBeforeEnvironments(db);
    await migrateServerSchema(db);
    const deployments = new DeploymentRepository(db);
    expect(await deployments.find('shop')).toEqual({ version: 3, previous: 2, deployedAt: 1_000 });
    expect(await deployments.find('shop', 'production')).toEqual(await deployments.find('shop'));
    expect(await deployments.find('shop', 'sandbox')).toBeNull();
  });

  it('keeps environments ordered, binds credentials and variables, and deploys per environment', async () => {
    const db = await open();
    await migrateServerSchema(db);
    const environments = new EnvironmentRepository(db);
    expect((await environments.list()).map((e) => e.name)).toEqual(['sandbox', 'production']);
    await environments.create({ name: 'staging' }, 5);
    await environments.create({ name: 'dev', position: 0 }, 6);
    expect((await environments.list()).map((e) => [e.name, e.position])).toEqual([
      ['dev', 0],
      ['sandbox', 1],
      ['staging', 2],
      ['production', 3],
    ]);
    const updated = await environments.update('staging', {
      credentials: { supplier: 'supplier-staging', other: 'x' },
      variables: { shop: { mode: 'staging' } },
    });
    expect(updated).toMatchObject({
      credentials: { supplier: 'supplier-staging', other: 'x' },
      variables: { shop: { mode: 'staging' } },
    });
    const unbound = await environments.update('staging', {
      credentials: { other: null },
      variables: { shop: null },
    });
    expect(unbound.credentials).toEqual({ supplier: 'supplier-staging' });
    expect(unbound.variables).toEqual({});
    await expect(environments.remove('sandbox')).rejects.toMatchObject({ code: 'JX_ENVIRONMENT_BUILTIN' });
    await environments.remove('dev');
    await expect(environments.get('dev')).rejects.toMatchObject({ code: 'JX_ENVIRONMENT_NOT_FOUND' });

    const deployments = new DeploymentRepository(db);
    await deployments.deploy('shop', 1, undefined, 10, 'staging');
    await deployments.deploy('shop', 2, undefined, 20);
    expect((await deployments.find('shop', 'staging'))?.version).toBe(1);
    expect((await deployments.find('shop'))?.version).toBe(2);
    expect(
      (await deployments.everywhere()).map((d) => [d.environment, d.flowId, d.deployment.version]),
    ).toEqual([
      ['production', 'shop', 2],
      ['staging', 'shop', 1],
    ]);
    await deployments.undeploy('shop', 'staging');
    expect(await deployments.anyIn('staging')).toBe(false);
    expect((await deployments.find('shop'))?.version).toBe(2);
  });
});
