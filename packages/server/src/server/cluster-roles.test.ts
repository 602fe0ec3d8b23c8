import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore, type PostgresRunStore } from '@junction/runtime';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../scale/redis-connection.ts';
import { clusterArgs, type JunctionProcess, spawnJunction } from '../testing/junction-process.ts';
import { runCli } from '../testing/run-cli.ts';
import { fixturePath } from '../testing/test-server.ts';
import { startServer } from './start-server.ts';

// Real `junction` processes on PostgreSQL and Redis, each in an empty working directory: no role
// creates ./junction-data there, the api warns about its public URL, and the CLI deploys to it.
const PG_URL = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.JUNCTION_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const id = randomBytes(4).toString('hex');
const schema = `jx_roles_${id}`;
const prefix = `jxroles-${id}`;
const masterKey = randomBytes(32).toString('hex');
const cluster = clusterArgs({ databaseUrl: PG_URL, schema, redisUrl: REDIS_URL, prefix });

const dirs: string[] = [];
const processes: JunctionProcess[] = [];
let pg: PostgresRunStore;
let redis: Redis;
let apiDir: string;
let workerDir: string;
let api: JunctionProcess;
let url: string;
let token: string;

function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `junction-${name}-`));
  dirs.push(dir);
  return dir;
}

function spawnIn(cwd: string, args: string[], env: Record<string, string> = {}): JunctionProcess {
  const child = spawnJunction(['serve', ...args, ...cluster], env, { cwd });
  processes.push(child);
  return child;
}

const cli = (...args: string[]) => runCli([...args, '--url', url, '--token', token]);

beforeAll(async () => {
  pg = createPostgresStore({ connectionString: PG_URL, schema });
  await pg.ready;
  redis = await connectRedis(REDIS_URL);
  apiDir = tempDir('api-cwd');
  workerDir = tempDir('worker-cwd');
  api = spawnIn(apiDir, ['--role', 'api', '--port', '0'], { JUNCTION_MASTER_KEY: masterKey });
  url = /(http:\/\/\S+)/.exec(await api.waitForLine((l) => l.includes('listening on')))![1]!;
  token = /: (jx_\S+)/.exec(await api.waitForLine((l) => l.includes('Admin token')))![1]!;
  // The worker reads its key from a file (a mounted secret), not the environment.
  const keyFile = join(tempDir('key'), 'master.key');
  writeFileSync(keyFile, masterKey, { mode: 0o600 });
  const worker = spawnIn(workerDir, ['--role', 'worker', '--master-key-file', keyFile]);
  await worker.waitForLine((l) => l.includes('worker running'));
}, 90_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await pg?.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pg?.close();
  if (redis) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('roles on PostgreSQL create only what they use', () => {
  it('neither the api nor the worker creates ./junction-data (nor anything else) in its cwd', () => {
    expect(readdirSync(apiDir)).toEqual([]);
    expect(readdirSync(workerDir)).toEqual([]);
  });

  it('the embedded server still creates its data directory', async () => {
    const dataDir = join(tempDir('embedded'), 'junction-data');
    const server = await startServer({ port: 0, dataDir, logLevel: 'silent' });
    await server.close();
    expect(readdirSync(dataDir).sort()).toEqual(expect.arrayContaining(['junction.db', 'master.key']));
    expect(server.warnings).toEqual([]);
  });
});

describe('--public-url in scale-out', () => {
  it('an api without --public-url warns at start', () => {
    expect(api.lines.some((l) => l.startsWith('Warning JX_PUBLIC_URL_MISSING:'))).toBe(true);
  });

  it('an api with a public URL shows the callback and webhook URLs under it and does not warn', async () => {
    const other = spawnIn(tempDir('api2-cwd'), ['--role', 'api', '--port', '0'], {
      JUNCTION_MASTER_KEY: masterKey,
      JUNCTION_PUBLIC_URL: 'https://junction.example.com/',
    });
    const line = await other.waitForLine((l) => l.startsWith('Public URL'));
    expect(line).toBe(
      'Public URL https://junction.example.com: webhooks at https://junction.example.com/hooks/<path>, ' +
        'callbacks at https://junction.example.com/callbacks/<channel>',
    );
    await other.stop();
    expect(other.lines.some((l) => l.includes('JX_PUBLIC_URL_'))).toBe(false);
  });
});

describe('the CLI against a scale-out api', () => {
  it('deploys a flow that a worker then runs, and creates a credential', async () => {
    expect(await cli('flows', 'deploy', fixturePath('webhook'))).toMatchObject({
      code: 0,
      out: 'Deployed orders-hook v1\n',
    });
    const hook = await fetch(`${url}/hooks/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order: 'C-1' }),
    });
    expect(await hook.json()).toEqual({ order: 'C-1', version: 1 });
    const secretFile = join(tempDir('cred'), 'cred.json');
    writeFileSync(
      secretFile,
      JSON.stringify({
        appKey: 'k',
        appSecret: 's3cr3t-roles',
        gatewayUrl: 'http://127.0.0.1:1/api/gateway',
      }),
    );
    const created = await cli(
      'credentials',
      'create',
      '--kind',
      'card-platform',
      '--name',
      'S',
      '--allowed-hosts',
      '127.0.0.1',
      '--id',
      'sandbox',
      '--data-file',
      secretFile,
    );
    expect(created.code).toBe(0);
    expect((await cli('credentials', 'list')).out).toContain('sandbox\tcard-platform');
    expect(existsSync(join(apiDir, 'junction-data'))).toBe(false);
  });
});
