import { describe, expect, it } from 'vitest';
import { migrateServerSchema } from '../db/server-schema.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { DeploymentRepository } from '../deploy/deployment-repository.ts';
import { serverDialects } from '../testing/server-databases.ts';
import { EnvironmentRepository } from './environment-repository.ts';

const dialects = serverDialects('env');

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
    const { db } = await open({ migrate: false });
    await migrateServerSchema(db);
    await asBeforeEnvironments(db);
    await migrateServerSchema(db);
    const deployments = new DeploymentRepository(db);
    expect(await deployments.find('shop')).toEqual({ version: 3, previous: 2, deployedAt: 1_000 });
    expect(await deployments.find('shop', 'production')).toEqual(await deployments.find('shop'));
    expect(await deployments.find('shop', 'sandbox')).toBeNull();
  });

  it('keeps environments ordered, binds credentials and variables, and deploys per environment', async () => {
    const { db } = await open({ migrate: false });
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
