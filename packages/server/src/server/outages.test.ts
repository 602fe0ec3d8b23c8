import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { type JunctionProcess, type ProcessExit, spawnJunction } from '../testing/junction-process.ts';
import { fixturePath } from '../testing/test-server.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../testing/throwaway-postgres.ts';
import { startThrowawayRedis, type ThrowawayRedis } from '../testing/throwaway-redis.ts';

// Issue 23, points 1–3 one at a time: an api and a worker on a PostgreSQL and a Redis of the test's
// own, which it crashes, restarts and stalls (never the shared servers). The chaos test
// (examples/scale-out) mixes the same faults with SIGKILLs; this one names which promise broke.
const masterKey = randomBytes(32).toString('hex');
// What a driver says when the database is away: none of it may reach a caller.
const DRIVER_TEXT = /ECONNREFUSED|terminat|starting up|shutting down|Connection|ioredis|pg_/i;

let pg: ThrowawayPostgres;
let redis: ThrowawayRedis;
const processes: JunctionProcess[] = [];
/** Exits nobody caused: each one is a process that did not ride through an outage. */
const selfExits: ProcessExit[] = [];
let url: string;
let token: string;

function spawnRole(name: string, args: string[]): JunctionProcess {
  const child = spawnJunction(
    ['serve', ...args, '--database', pg.url, '--redis', redis.url, '--lease-ms', '3000'],
    { JUNCTION_MASTER_KEY: masterKey },
    { name, onExit: (exit) => !exit.caused && selfExits.push(exit) },
  );
  processes.push(child);
  return child;
}

async function post(path: string, body: unknown, timeoutMs = 30_000) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function runOf(runId: string): Promise<{ status: string; output?: unknown }> {
  const response = await fetch(`${url}/api/runs/${runId}`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { run: { status: string; output?: unknown } }).run;
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A run of `scale-await` (it waits on channel scale-orders for its order number), once it waits. */
async function waitingRun(order: string): Promise<string> {
  const started = await post('/hooks/scale/await', { order });
  expect(started.status).toBe(200);
  const runId = started.headers.get('x-junction-run-id')!;
  await eventually(`${runId} to wait`, async () =>
    (await runOf(runId)).status === 'waiting' ? true : undefined,
  );
  return runId;
}

function expectOutageAnswer(answer: { status: number; headers: Headers; text: string }) {
  expect(answer.status).toBe(503);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  const body = JSON.parse(answer.text) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('JX_STORE_UNAVAILABLE');
  expect(answer.text).not.toMatch(DRIVER_TEXT);
}

/** No process exited on its own, and none needed its last-resort guard (process-guards.ts). */
function expectRodeThrough() {
  expect(selfExits).toEqual([]);
  const escaped = processes.flatMap((p) => p.lines.filter((l) => l.includes('escaped every handler')));
  expect(escaped).toEqual([]);
}

beforeAll(async () => {
  [pg, redis] = await Promise.all([startThrowawayPostgres(), startThrowawayRedis()]);
  const api = spawnRole('api', ['--role', 'api', '--port', '0']);
  url = /(http:\/\/\S+)/.exec(await api.waitForLine((l) => l.includes('listening on')))![1]!;
  token = /: (jx_\S+)/.exec(await api.waitForLine((l) => l.includes('Admin token')))![1]!;
  await spawnRole('worker', ['--role', 'worker']).waitForLine((l) => l.includes('worker running'));
  const quiet = { out: () => {}, err: () => {} };
  for (const flow of ['webhook', 'scale-await']) {
    const code = await main(
      ['node', 'junction', 'flows', 'deploy', fixturePath(flow), '--url', url, '--token', token],
      quiet,
    );
    expect(code).toBe(0);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  pg?.destroy();
  await redis?.destroy();
});

describe('a PostgreSQL crash-restart', () => {
  it('answers 503 JX_STORE_UNAVAILABLE with Retry-After while it is down, kills no process, and work resumes by itself', async () => {
    const waiting = await waitingRun('PG-1');
    pg.crash();
    // Hooks, callbacks and the API: coded 503s, never a 500 or the driver's words.
    expectOutageAnswer(await post('/hooks/orders', { order: 'PG-2' }));
    expectOutageAnswer(await post('/callbacks/scale-orders', { order: 'PG-1', state: 'paid' }));
    const api = await fetch(`${url}/api/runs`, { headers: { authorization: `Bearer ${token}` } });
    expectOutageAnswer({ status: api.status, headers: api.headers, text: await api.text() });
    // A worker started during the outage waits for the database instead of exiting.
    const late = spawnRole('late-worker', ['--role', 'worker']);
    await late.waitForLine((l) => l.includes('waiting for the database'), 30_000);
    // Long enough for every background loop (scheduler, recovery scans, lease renewal, metrics) to hit it.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await pg.start();
    await late.waitForLine((l) => l.includes('worker running'), 60_000);

    const answer = await eventually('the webhook to answer again', async () => {
      const reply = await post('/hooks/orders', { order: 'PG-3' });
      return reply.status === 200 ? reply : undefined;
    });
    expect(JSON.parse(answer.text)).toEqual({ order: 'PG-3', version: 1 });
    // The run that waited through the outage still takes its callback.
    expect((await post('/callbacks/scale-orders', { order: 'PG-1', state: 'paid' })).status).toBe(200);
    await eventually('the waiting run to finish', async () => {
      const run = await runOf(waiting);
      return run.status === 'succeeded' ? run : undefined;
    });
    expect((await runOf(waiting)).output).toEqual({ order: 'PG-1', state: 'paid' });
    expectRodeThrough();
  }, 150_000);
});

describe('a Redis crash or stall', () => {
  it('acknowledges callbacks and records webhook starts without Redis; the runs go on when it is back', async () => {
    const waiting = await waitingRun('R-1');
    await redis.crash();
    // The supplier hangs up after 5 s: the ack may depend on PostgreSQL only, not on the queue.
    const ack = await post('/callbacks/scale-orders', { order: 'R-1', state: 'paid' }, 5_000);
    expect({ status: ack.status, text: ack.text }).toEqual({ status: 200, text: 'success' });
    const start = await post('/hooks/scale/await', { order: 'R-2' }, 5_000);
    expect(start.status).toBe(200);
    const recorded = start.headers.get('x-junction-run-id')!;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await redis.start(); // empty: every job queued before is gone

    await eventually('the callback recorded during the outage to resume its run', async () =>
      (await runOf(waiting)).status === 'succeeded' ? true : undefined,
    );
    expect((await runOf(waiting)).output).toEqual({ order: 'R-1', state: 'paid' });
    await eventually('the start recorded during the outage to run', async () =>
      (await runOf(recorded)).status === 'waiting' ? true : undefined,
    );

    redis.stall();
    try {
      const stalled = await post('/callbacks/scale-orders', { order: 'R-2', state: 'paid' }, 5_000);
      expect({ status: stalled.status, text: stalled.text }).toEqual({ status: 200, text: 'success' });
      await new Promise((resolve) => setTimeout(resolve, 4_000));
    } finally {
      redis.resume();
    }
    await eventually('the callback acknowledged during the stall to resume its run', async () =>
      (await runOf(recorded)).status === 'succeeded' ? true : undefined,
    );
    expectRodeThrough();
  }, 150_000);
});
