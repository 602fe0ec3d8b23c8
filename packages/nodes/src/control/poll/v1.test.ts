import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isSuspension, type Json, type NodeResult, type SleepSuspension } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithEgressPolicy } from '../../http/egress/egress-scope.ts';
import { createTestContext } from '../../testing/create-test-context.ts';
import { loopbackEgress } from '../../testing/loopback-egress.ts';
import { intervalAfter, nextCheckAt } from './poll-schedule.ts';
import { type PollConfig, pollNode } from './v1.ts';

const inLoopback = <T>(fn: () => T): T => runWithEgressPolicy(loopbackEgress, fn);

let server: Server;
let base: string;
const hits = new Map<string, number>();

beforeAll(async () => {
  // `/order/<n>` answers "processing" until its n-th request, then "success".
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    const readyAt = Number(path.split('/').pop());
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ order_state: count >= readyAt ? 'success' : 'processing', count }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
});

/** Drives the node like the engine does: run, and while it sleeps, resume it with its saved state. */
async function drive(
  config: PollConfig,
  clock: { now: number },
): Promise<{ result: NodeResult; sleeps: number[] }> {
  const sleeps: number[] = [];
  let resume: { state: Json } | undefined;
  for (;;) {
    const { ctx } = createTestContext({
      config,
      input: { order: 'A-1' },
      now: () => clock.now,
      ...(resume ? { resumed: { reason: 'timer' as const }, state: resume.state } : {}),
    });
    const result = await inLoopback(() => pollNode.run(ctx));
    if (!isSuspension(result)) return { result, sleeps };
    expect(result.kind).toBe('sleep');
    const sleep = result as SleepSuspension;
    sleeps.push(sleep.until - clock.now);
    clock.now = sleep.until;
    resume = { state: sleep.state ?? null };
  }
}

describe('flow.poll', () => {
  it('checks, sleeps durably between checks and emits the response once the condition holds', async () => {
    const clock = { now: 1_000_000 };
    const config: PollConfig = {
      request: { url: `${base}/order/3` },
      until: "=body.order_state = 'success'",
      intervalSeconds: 2,
      backoff: 'exponential',
    };
    const { result, sleeps } = await drive(config, clock);
    expect(sleeps).toEqual([2000, 4000]);
    expect(result).toMatchObject({
      out: { attempts: 3, result: { status: 200, body: { order_state: 'success' } } },
    });
  });

  it('goes out on timeout at the deadline, with a last check at the deadline itself', async () => {
    const clock = { now: 0 };
    const config: PollConfig = {
      request: { url: `${base}/order/100` },
      until: "=body.order_state = 'success'",
      intervalSeconds: 4,
      timeoutSeconds: 10,
    };
    const { result, sleeps } = await drive(config, clock);
    expect(sleeps).toEqual([4000, 4000, 2000]);
    expect(result).toMatchObject({
      timeout: { attempts: 4, result: { body: { order_state: 'processing' } } },
    });
  });

  it('counts an unreachable server as "not yet" and reports the last error', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/x`;
    closed.close();
    const { result } = await drive(
      { request: { url }, until: '=status = 200', maxAttempts: 2, intervalSeconds: 1 },
      { now: 0 },
    );
    expect(result).toMatchObject({
      timeout: { attempts: 2, result: null, lastError: { code: 'JX_HTTP_NETWORK' } },
    });
  });

  it('polls a sub-flow, one keyed child run per check', async () => {
    const keys: string[] = [];
    const { ctx } = createTestContext({
      config: {
        check: 'subflow',
        subflow: { flowId: 'status' },
        until: '=done',
        timeoutSeconds: 60,
      } as PollConfig,
      subflow: async (_ref, _input, { key }) => {
        keys.push(key);
        return { runId: 'c', status: 'succeeded', output: { done: true } };
      },
    });
    expect(await inLoopback(() => pollNode.run(ctx))).toEqual({
      out: { result: { done: true }, attempts: 1 },
    });
    expect(keys).toEqual(['check-1']);
  });

  it('rejects a missing request or condition with a coded error', async () => {
    const { ctx } = createTestContext({ config: { until: '=true' } as PollConfig });
    await expect(inLoopback(() => pollNode.run(ctx))).rejects.toMatchObject({
      code: 'JX_CONFIG_INVALID',
      details: { field: 'request' },
    });
    const noUntil = createTestContext({ config: { request: { url: base } } as PollConfig }).ctx;
    await expect(inLoopback(() => pollNode.run(noUntil))).rejects.toMatchObject({
      code: 'JX_CONFIG_INVALID',
      details: { field: 'until' },
    });
  });
});

describe('poll schedule', () => {
  it('caps exponential back-off at the longest wait and stops at maxAttempts', () => {
    const timing = { intervalSeconds: 1, backoff: 'exponential' as const, maxIntervalSeconds: 5 };
    expect([1, 2, 3, 4, 5].map((attempt) => intervalAfter(timing, attempt))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
    expect(nextCheckAt({ maxAttempts: 3 }, { startedAt: 0, attempt: 3 }, 0)).toBeNull();
  });
});
