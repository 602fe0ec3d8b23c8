import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore, type PostgresRunStore } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../server/start-server.ts';
import { main } from './main.ts';

const PG_URL = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `jx_admin_${randomBytes(4).toString('hex')}`;
const SECRET = 'pg-rotate-SECRET-91f2';
const firstKey = randomBytes(32).toString('hex');
const dataDir = mkdtempSync(join(tmpdir(), 'junction-admin-pg-'));
let pg: PostgresRunStore;
/** The key the credentials are sealed with, as the tests rotate it. */
let currentKey = firstKey;

async function cli(env: Record<string, string | undefined>, ...args: string[]) {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name];
  let out = '';
  let err = '';
  try {
    const code = await main(
      ['node', 'junction', ...args, '--database', PG_URL, '--database-schema', schema],
      {
        out: (t) => {
          out += `${t}\n`;
        },
        err: (t) => {
          err += `${t}\n`;
        },
      },
    );
    return { code, out, err };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

function start(masterKey: string) {
  return startServer({
    port: 0,
    dataDir,
    databaseUrl: PG_URL,
    databaseSchema: schema,
    masterKey,
    logLevel: 'silent',
  });
}

beforeAll(async () => {
  pg = createPostgresStore({ connectionString: PG_URL, schema });
  await pg.ready;
  const server = await start(firstKey);
  const created = await fetch(`${server.url}/api/credentials`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      id: 'supplier',
      name: 'Supplier',
      kind: 'hmac-header',
      allowedHosts: ['supplier.test'],
      data: { secret: SECRET },
    }),
  });
  expect(created.status).toBe(201);
  await server.close();
});
afterAll(async () => {
  await pg?.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pg?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('admin commands on PostgreSQL', () => {
  it('creates a token in the shared database that a server accepts', async () => {
    const created = await cli({}, 'tokens', 'create', '--scopes', 'flows:read', '--name', 'ops');
    expect(created.code).toBe(0);
    const token = created.out.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^jx_/);
    const server = await start(firstKey);
    try {
      const headers = { authorization: `Bearer ${token}` };
      expect((await fetch(`${server.url}/api/flows`, { headers })).status).toBe(200);
      expect((await fetch(`${server.url}/api/tokens`, { headers })).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('refuses to rotate without the current key, or with a wrong one, changing nothing', async () => {
    const missing = await cli({ JUNCTION_MASTER_KEY: undefined }, 'credentials', 'rotate-key');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('JX_MASTER_KEY_REQUIRED');
    const wrong = await cli(
      { JUNCTION_MASTER_KEY: randomBytes(32).toString('hex') },
      'credentials',
      'rotate-key',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('JX_MASTER_KEY_MISMATCH');
    expect(wrong.out).not.toMatch(/[0-9a-f]{64}/);
    await (await start(firstKey)).close();
  });

  it('re-encrypts every credential under a printed new key; the old key no longer opens the vault', async () => {
    const rotated = await cli({ JUNCTION_MASTER_KEY: firstKey }, 'credentials', 'rotate-key');
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain('Re-encrypted 1 credential(s)');
    const newKey = rotated.out.match(/^[0-9a-f]{64}$/m)?.[0];
    expect(newKey).toBeDefined();
    expect(rotated.out).not.toContain(SECRET);
    await expect(start(firstKey)).rejects.toMatchObject({ code: 'JX_MASTER_KEY_MISMATCH' });
    currentKey = newKey!;
    await (await start(currentKey)).close();
    const stored = await pg.pool.query(`SELECT secret_blob FROM ${schema}.srv_credentials`);
    expect(JSON.stringify(stored.rows)).not.toContain(SECRET);
  });

  it('rotates to a key given in JUNCTION_NEW_MASTER_KEY without printing it', async () => {
    const rotatedTo = randomBytes(32).toString('hex');
    const { code, out } = await cli(
      { JUNCTION_MASTER_KEY: currentKey, JUNCTION_NEW_MASTER_KEY: rotatedTo },
      'credentials',
      'rotate-key',
    );
    expect(code).toBe(0);
    expect(out).toContain('Re-encrypted 1 credential(s)');
    expect(out).not.toContain(rotatedTo);
    await expect(start(currentKey)).rejects.toMatchObject({ code: 'JX_MASTER_KEY_MISMATCH' });
    await (await start(rotatedTo)).close();
  });
});
