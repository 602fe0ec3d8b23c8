import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore } from '@junction/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../scale/redis-connection.ts';
import { clusterArgs, type JunctionProcess, spawnJunction } from '../testing/junction-process.ts';
import { fixture } from '../testing/test-server.ts';
import { idempotentRunId } from './idempotency-key.ts';

// A shop retries a webhook after the process that answered it died. The retry must get exactly the
// first answer, recorded before it was sent — not whatever the run has reached by then (its respond
// node's answer, or its final output).

const PG_URL = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.JUNCTION_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const processes: JunctionProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  for (const cleanup of cleanups) await cleanup();
}, 60_000);

function spawn(args: string[], env: Record<string, string>): JunctionProcess {
  const child = spawnJunction(args, env);
  processes.push(child);
  return child;
}

async function listening(process: JunctionProcess): Promise<string> {
  return /(http:\/\/\S+)/.exec(await process.waitForLine((l) => l.includes('listening on')))![1]!;
}

async function adminToken(process: JunctionProcess): Promise<string> {
  return /token[^:]*: (jx_\S+)/.exec(await process.waitForLine((l) => l.includes('Admin token')))![1]!;
}

async function api(url: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return {
    status: response.status,
    json: (await response.json().catch(() => undefined)) as { run?: { status?: string } } | undefined,
  };
}

async function deploy(url: string, token: string): Promise<void> {
  const flow = fixture('respond-later');
  expect((await api(url, token, 'PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  expect((await api(url, token, 'POST', `/api/flows/${flow.id}/versions`)).status).toBe(201);
  expect((await api(url, token, 'POST', `/api/flows/${flow.id}/deploy`, { version: 1 })).status).toBe(200);
}

interface Answer {
  status: number;
  runId: string | null;
  body: unknown;
}

async function order(url: string, id: string): Promise<{ answer: Answer; replayed: string | null }> {
  const response = await fetch(`${url}/hooks/respond/later`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ order: id }),
  });
  const answer = {
    status: response.status,
    runId: response.headers.get('x-junction-run-id'),
    body: await response.json(),
  };
  return { answer, replayed: response.headers.get('x-junction-replayed') };
}

async function finished(url: string, token: string, runId: string): Promise<void> {
  const giveUp = Date.now() + 30_000;
  for (;;) {
    const run = (await api(url, token, 'GET', `/api/runs/${encodeURIComponent(runId)}`)).json?.run;
    if (run?.status === 'succeeded') return;
    if (Date.now() > giveUp) throw new Error(`run ${runId} is ${run?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a webhook retried after the process that served it died', () => {
  it('embedded: the retry gets the first answer exactly, though the run answered and finished since', async () => {
    const data = mkdtempSync(join(tmpdir(), 'junction-replay-'));
    cleanups.push(async () => rmSync(data, { recursive: true, force: true }));
    const env = { JUNCTION_MASTER_KEY: randomBytes(32).toString('hex') };
    const first = spawn(['serve', '--port', '0', '--data', data], env);
    const url = await listening(first);
    const token = await adminToken(first);
    await deploy(url, token);
    // The run suspends in its first delay: the shop is answered 202 "waiting", then the process dies.
    const sent = await order(url, 'E-1');
    expect(sent.answer).toMatchObject({ status: 202, body: { status: 'waiting' } });
    await first.kill();

    const second = spawn(['serve', '--port', '0', '--data', data], env);
    const url2 = await listening(second);
    // The run goes on after the restart, answers through its respond node (nobody listens) and ends.
    await finished(url2, token, idempotentRunId('respond-later', 'E-1'));
    expect(await order(url2, 'E-1')).toEqual({ answer: sent.answer, replayed: 'true' });
  }, 90_000);

  it('scale-out: the api dies, the worker finishes the run, another api replays the first answer', async () => {
    const id = randomBytes(4).toString('hex');
    const schema = `jx_replay_${id}`;
    const prefix = `jxreplay-${id}`;
    cleanups.push(async () => {
      const pg = createPostgresStore({ connectionString: PG_URL, schema });
      await pg.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pg.close();
      const redis = await connectRedis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    });
    const env = { JUNCTION_MASTER_KEY: randomBytes(32).toString('hex') };
    const cluster = clusterArgs({ databaseUrl: PG_URL, schema, redisUrl: REDIS_URL, prefix });
    const firstApi = spawn(['serve', '--role', 'api', '--port', '0', ...cluster], env);
    const url = await listening(firstApi);
    const token = await adminToken(firstApi);
    const worker = spawn(['serve', '--role', 'worker', '--lease-ms', '1500', ...cluster], env);
    await worker.waitForLine((l) => l.includes('worker running'));
    await deploy(url, token);
    const sent = await order(url, 'S-1');
    expect(sent.answer).toMatchObject({ status: 202, body: { status: 'waiting' } });
    await firstApi.kill();

    const secondApi = spawn(['serve', '--role', 'api', '--port', '0', ...cluster], env);
    const url2 = await listening(secondApi);
    await finished(url2, token, idempotentRunId('respond-later', 'S-1'));
    expect(await order(url2, 'S-1')).toEqual({ answer: sent.answer, replayed: 'true' });
    expect(worker.child.exitCode).toBeNull();
  }, 90_000);
});
