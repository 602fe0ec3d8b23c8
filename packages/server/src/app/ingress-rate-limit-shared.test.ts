import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore } from '@junction/runtime';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../scale/redis-connection.ts';
import { clusterArgs, type JunctionProcess, spawnJunction } from '../testing/junction-process.ts';

// Two real `junction serve --role api` processes on one PostgreSQL and one Redis: a client's
// requests count against one limit whichever process answers them (the counters live in Redis).
// Limits come from the environment and --trust-proxy from the command line, as an operator sets them.
const PG_URL = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.JUNCTION_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const id = randomBytes(4).toString('hex');
const schema = `jx_limits_${id}`;
const prefix = `jxlimits-${id}`;
const env = {
  JUNCTION_MASTER_KEY: randomBytes(32).toString('hex'),
  JUNCTION_RATE_LIMIT_CLIENT: '5',
  JUNCTION_RATE_LIMIT_FLOW: '0',
};

const processes: JunctionProcess[] = [];
let dir: string;
let redis: Redis;
let urls: string[] = [];
let token: string;

const FLOW = {
  schemaVersion: 1,
  id: 'shared-limit',
  name: 'Shared limit',
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { path: 'shared', responseMode: 'immediately' },
    },
  ],
  edges: [],
};

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${urls[0]}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBeLessThan(300);
  return response.json();
}

async function start(name: string): Promise<string> {
  const args = ['serve', '--role', 'api', '--port', '0', '--data', dir, '--trust-proxy', 'loopback'];
  const cluster = clusterArgs({ databaseUrl: PG_URL, schema, redisUrl: REDIS_URL, prefix });
  const child = spawnJunction([...args, ...cluster], env, { name });
  processes.push(child);
  const listening = await child.waitForLine((line) => line.includes('listening on'), 60_000);
  return /(http:\/\/\S+)/.exec(listening)![1]!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'junction-limits-'));
  redis = await connectRedis(REDIS_URL);
  urls = [await start('api-1')];
  token = /(jx_\S+)/.exec(await processes[0]!.waitForLine((line) => line.includes('Admin token')))![1]!;
  urls.push(await start('api-2'));
  await api('PUT', `/api/flows/${FLOW.id}`, FLOW);
  await api('POST', `/api/flows/${FLOW.id}/versions`);
  await api('POST', `/api/flows/${FLOW.id}/deploy`, { version: 1 });
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((child) => child.stop()));
  const store = createPostgresStore({ connectionString: PG_URL, schema });
  await store.ready;
  await store.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await store.close();
  if (redis) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe('rate limits in scale-out', () => {
  it('counts a client across api processes (shared in Redis), so the limit does not multiply', async () => {
    const hook = async (url: string, client: string) => {
      // The second process learns of the deploy over the bus: wait until it serves the path.
      const response = await fetch(`${url}/hooks/shared`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: '{}',
      });
      await response.arrayBuffer();
      return response.status;
    };
    await expect.poll(() => hook(urls[1]!, '198.51.100.99'), { timeout: 10_000 }).toBe(200);
    const seen: number[] = [];
    for (const url of [urls[0]!, urls[1]!, urls[0]!, urls[1]!, urls[0]!, urls[1]!]) {
      seen.push(await hook(url, '203.0.113.7'));
    }
    // 5 per client in all: per process, each would have let 3 of these 6 through.
    expect(seen).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await hook(urls[0]!, '203.0.113.7')).toBe(429);
    expect(await hook(urls[1]!, '203.0.113.8')).toBe(200);
    expect((await redis.keys(`${prefix}:rate-limit:*`)).length).toBeGreaterThan(0);
  });
});
