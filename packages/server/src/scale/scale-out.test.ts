import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore, type PostgresRunStore } from '@junction/runtime';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JunctionProcess, spawnJunction } from '../testing/junction-process.ts';
import { fixture } from '../testing/test-server.ts';
import { connectRedis } from './redis-connection.ts';

// Real PostgreSQL and Redis (the test command starts them); unreachable ones fail the suite.
const PG_URL = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.JUNCTION_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const id = randomBytes(4).toString('hex');
const schema = `jx_scale_${id}`;
const prefix = `jxtest-${id}`;

let pg: PostgresRunStore;
let redis: Redis;
let dataDir: string;
let api: JunctionProcess;
let workers: JunctionProcess[] = [];
let url: string;
let token: string;

/** The supplier side effect: performed once per idempotency key, replayed for repeats. */
const effects = new Map<string, number>();
const attempts = new Map<string, number>();
let holdFirst = false;
let onFirst: ((key: string) => void) | undefined;
let effectServer: Server;
let effectUrl: string;

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {}
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes
  return { status: response.status, headers: response.headers, text, json: json as any };
}

async function runWhen(runId: string, status: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await call('GET', `/api/runs/${runId}`)).json?.run;
    if (run?.status === status) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${run?.status}, not ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startedBy(runId: string): JunctionProcess | undefined {
  return workers.find((w) => w.lines.some((l) => l.includes('worker started run') && l.includes(runId)));
}

beforeAll(async () => {
  redis = await connectRedis(REDIS_URL);
  pg = createPostgresStore({ connectionString: PG_URL, schema });
  await pg.ready;
  effectServer = createServer((request, response) => {
    const key = String(request.headers['idempotency-key']);
    attempts.set(key, (attempts.get(key) ?? 0) + 1);
    const first = !effects.has(key);
    if (first) effects.set(key, (effects.get(key) ?? 0) + 1);
    request.resume();
    if (first && holdFirst) {
      onFirst?.(key); // never answered: the worker dies waiting
      return;
    }
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ effect: `done-${key.split(':')[0]}` }));
  });
  await new Promise<void>((resolve) => effectServer.listen(0, '127.0.0.1', resolve));
  effectUrl = `http://127.0.0.1:${(effectServer.address() as AddressInfo).port}/effect`;

  dataDir = mkdtempSync(join(tmpdir(), 'junction-scale-'));
  const env = { JUNCTION_MASTER_KEY: randomBytes(32).toString('hex') };
  const common = ['--database', PG_URL, '--database-schema', schema, '--redis', REDIS_URL];
  const cluster = [...common, '--queue-prefix', prefix, '--data', dataDir];
  api = spawnJunction(['serve', '--role', 'api', '--port', '0', ...cluster], env);
  const listening = await api.waitForLine((l) => l.includes('listening on'));
  url = /(http:\/\/\S+)/.exec(listening)![1]!;
  token = /token[^:]*: (jx_\S+)/.exec(await api.waitForLine((l) => l.includes('Admin token')))![1]!;
  workers = ['w1', 'w2'].map((name) =>
    spawnJunction(
      [
        'serve',
        '--role',
        'worker',
        '--lease-ms',
        '1500',
        '--worker-id',
        name,
        '--egress-allow',
        new URL(effectUrl).host,
        ...cluster,
      ],
      env,
    ),
  );
  await Promise.all(workers.map((w) => w.waitForLine((l) => l.includes('worker running'))));

  for (const name of ['scale-effect', 'scale-await']) {
    const flow = fixture(name);
    expect((await call('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
    expect((await call('POST', `/api/flows/${flow.id}/versions`)).status).toBe(201);
    expect((await call('POST', `/api/flows/${flow.id}/deploy`, { version: 1 })).status).toBe(200);
  }
}, 90_000);

afterAll(async () => {
  await Promise.all([api, ...workers].filter(Boolean).map((p) => p.stop()));
  effectServer?.closeAllConnections();
  await new Promise((resolve) => effectServer?.close(resolve));
  await pg?.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pg?.close();
  if (redis) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('scale-out: one api process, two workers, PostgreSQL and BullMQ', () => {
  it('answers onFinish webhooks with the result of runs executed by the workers', async () => {
    const orders = ['o-1', 'o-2', 'o-3', 'o-4'];
    const responses = await Promise.all(
      orders.map((order) =>
        fetch(`${url}/hooks/scale/effect`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ order, effectUrl }),
        }),
      ),
    );
    for (const [index, response] of responses.entries()) {
      expect(response.status).toBe(200);
      const runId = response.headers.get('x-junction-run-id')!;
      expect(await response.json()).toEqual({ order: orders[index], effect: `done-${runId}` });
      const run = (await call('GET', `/api/runs/${runId}`)).json.run;
      expect(run).toMatchObject({ status: 'succeeded', flowVersion: 1 });
      expect(startedBy(runId)).toBeDefined();
    }
  }, 30_000);

  it('shows queue depth and worker health in the api process metrics', async () => {
    const metrics = (await call('GET', '/metrics')).text;
    expect(metrics).toMatch(/^junction_queue_workers 2$/m);
    expect(metrics).toMatch(/^junction_queue_jobs\{state="waiting"\} \d+$/m);
    expect(metrics).toMatch(/^junction_queued_runs \d+$/m);
  });

  it('resumes a waiting run when its callback reaches the api process', async () => {
    const hook = await fetch(`${url}/hooks/scale/await`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order: 'c-1' }),
    });
    expect(hook.status).toBe(200);
    const runId = hook.headers.get('x-junction-run-id')!;
    await runWhen(runId, 'waiting');
    const callback = await call('POST', '/callbacks/scale-orders', { order: 'c-1', state: 'paid' });
    expect(callback).toMatchObject({ status: 200, text: 'success' });
    const run = await runWhen(runId, 'succeeded');
    expect(run.output).toEqual({ order: 'c-1', state: 'paid' });
    const duplicate = await call('POST', '/callbacks/scale-orders', { order: 'c-1', state: 'paid' });
    expect(duplicate.text).toBe('success');
    const log = (await call('GET', '/api/callbacks?channel=scale-orders')).json.callbacks;
    expect(log.map((c: { outcome: string }) => c.outcome)).toEqual(['duplicate', 'matched']);
  }, 30_000);

  it('finishes the run of a SIGKILLed worker on the other one, with the side effect done once', async () => {
    // A run waiting for a callback, started before the kill, possibly by the worker about to die.
    const waiting = await fetch(`${url}/hooks/scale/await`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order: 'c-2' }),
    });
    const waitingId = waiting.headers.get('x-junction-run-id')!;
    await runWhen(waitingId, 'waiting');

    holdFirst = true;
    const held = new Promise<string>((resolve) => {
      onFirst = resolve;
    });
    const pending = fetch(`${url}/hooks/scale/effect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order: 'k-1', effectUrl }),
    });
    const key = await held;
    const runId = key.split(':')[0]!;
    const victim = startedBy(runId);
    expect(victim).toBeDefined();
    await victim!.kill();
    const survivor = workers.find((w) => w !== victim)!;

    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ order: 'k-1', effect: `done-${runId}` });
    expect(effects.get(key)).toBe(1);
    expect(attempts.get(key)).toBeGreaterThanOrEqual(2);
    const journal = (await call('GET', `/api/runs/${runId}`)).json.journal as {
      type: string;
      nodeId?: string;
    }[];
    expect(journal.filter((e) => e.type === 'node.completed' && e.nodeId === 'effect')).toHaveLength(1);

    // The survivor also resumes the waiting run, whoever started it.
    expect((await call('POST', '/callbacks/scale-orders', { order: 'c-2', state: 'paid' })).text).toBe(
      'success',
    );
    expect((await runWhen(waitingId, 'succeeded')).output).toEqual({ order: 'c-2', state: 'paid' });
    expect(survivor.child.exitCode).toBeNull();
  }, 60_000);

  it('stops the api and worker processes gracefully on SIGTERM', async () => {
    const running = [api, ...workers].filter((p) => p.child.exitCode === null && p.child.signalCode === null);
    expect(running).toHaveLength(2);
    await Promise.all(running.map((p) => p.stop()));
    for (const p of running) {
      expect({ code: p.child.exitCode, signal: p.child.signalCode }).toEqual({ code: 0, signal: null });
    }
  }, 30_000);
});
