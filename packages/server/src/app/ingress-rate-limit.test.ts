import type { FlowDocument, Json } from '@junction/runtime';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';
import { installIngressRateLimit } from './ingress-rate-limit.ts';

// Rate limits of /hooks/* and /callbacks/* through a real server over real HTTP. The server trusts
// loopback proxies, so X-Forwarded-For names the client and one test machine plays several clients.
let t: TestServer;

function hookFlow(id: string, path: string, rateLimit?: Json): FlowDocument {
  const flow = fixture('webhook');
  flow.id = id;
  const trigger = flow.nodes[0]!;
  trigger.config = { method: 'POST', path, responseMode: 'immediately', ...(rateLimit ? { rateLimit } : {}) };
  return flow;
}

async function deploy(flow: FlowDocument): Promise<void> {
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const { version } = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json;
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
}

const from = (client: string) => ({ token: null, headers: { 'x-forwarded-for': client } });
const hook = (path: string, client: string) => t.api('POST', `/hooks/${path}`, { order: 'x' }, from(client));

async function statuses(path: string, client: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await hook(path, client)).status);
  return out;
}

async function runCount(flowId: string): Promise<number> {
  return (await t.api('GET', `/api/runs?flowId=${flowId}&limit=500`)).json.runs.length;
}

beforeAll(async () => {
  t = await startTestServer({
    trustProxy: 'loopback',
    rateLimit: { perClient: 5, perFlow: 8, windowMs: 60_000 },
  });
  await deploy(hookFlow('limited-hook', 'limited', { perClient: 3, perFlow: 5 }));
  await deploy(hookFlow('default-hook', 'defaults'));
  await deploy(hookFlow('unlimited-hook', 'unlimited', { perClient: 0, perFlow: 0 }));
  await deploy(hookFlow('short-window-hook', 'short', { perClient: 1, windowSeconds: 1 }));
});
afterAll(async () => t.close());

describe('webhook rate limits', () => {
  it("refuses a client over the trigger's per-client limit with 429, Retry-After and JX_RATE_LIMITED, and starts no run", async () => {
    expect(await statuses('limited', '203.0.113.1', 3)).toEqual([200, 200, 200]);
    const refused = await hook('limited', '203.0.113.1');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(refused.json.error).toMatchObject({
      code: 'JX_RATE_LIMITED',
      details: { ingress: 'webhook', path: 'limited', scope: 'client', limit: 3, windowSeconds: 60 },
    });
    expect(refused.json.error.message).toContain('203.0.113.1');
    expect(refused.headers.get('x-junction-run-id')).toBeNull();
    expect(await runCount('limited-hook')).toBe(3);
  });

  it('counts the flow over all clients, and a refused client does not use up the flow’s allowance', async () => {
    // The flooding client above sent 4 (3 counted for the flow): 2 are left for everyone else.
    expect(await statuses('limited', '203.0.113.2', 2)).toEqual([200, 200]);
    const refused = await hook('limited', '203.0.113.3');
    expect(refused.status).toBe(429);
    expect(refused.json.error.details).toMatchObject({ scope: 'flow', limit: 5 });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await runCount('limited-hook')).toBe(5);
  });

  it("uses the server's defaults for a trigger without rateLimit (flows from before the field)", async () => {
    expect(await statuses('defaults', '198.51.100.1', 6)).toEqual([200, 200, 200, 200, 200, 429]);
    // 5 of the first client's requests counted for the flow; 3 more make the default 8.
    expect(await statuses('defaults', '198.51.100.2', 3)).toEqual([200, 200, 200]);
    const overFlow = await hook('defaults', '198.51.100.3');
    expect(overFlow.json.error.details).toMatchObject({ scope: 'flow', limit: 8 });
  });

  it('turns a limit off with 0', async () => {
    expect(new Set(await statuses('unlimited', '192.0.2.1', 12))).toEqual(new Set([200]));
  });

  it('lets the client in again once its window has passed', async () => {
    expect(await statuses('short', '192.0.2.9', 2)).toEqual([200, 429]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await hook('short', '192.0.2.9')).status).toBe(200);
  });

  it('refuses a trigger rateLimit that is not a whole number at deploy (the config schema)', async () => {
    const flow = hookFlow('bad-limit', 'bad-limit', { perClient: -1 });
    const saved = await t.api('PUT', `/api/flows/${flow.id}`, flow);
    const validation = await t.api('POST', `/api/flows/${flow.id}/validate`);
    expect(JSON.stringify(saved.json) + JSON.stringify(validation.json)).toContain(
      '/config/rateLimit/perClient',
    );
  });
});

describe('callback rate limits', () => {
  it('limits callbacks per client and channel with the server defaults, and refused ones are not recorded', async () => {
    const post = (client: string) =>
      t.api('POST', '/callbacks/nobody-waits', { order_no: 'o-1' }, from(client));
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) seen.push((await post('203.0.113.50')).status);
    expect(seen).toEqual([404, 404, 404, 404, 404, 429]);
    const refused = await post('203.0.113.50');
    expect(refused.json.error).toMatchObject({
      code: 'JX_RATE_LIMITED',
      details: { ingress: 'callback', scope: 'client' },
    });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Unknown channels share one counter: a sender cannot escape its limit by inventing names.
    const renamed = await t.api('POST', '/callbacks/another-name', { order_no: 'o-1' }, from('203.0.113.50'));
    expect(renamed.status).toBe(429);
    const log = await t.api('GET', '/api/callbacks?limit=1000');
    expect(log.json.callbacks.filter((c: { channel: string }) => c.channel === 'nobody-waits')).toHaveLength(
      5,
    );
  });
});

describe('client identity', () => {
  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    const direct = await startTestServer({ rateLimit: { perClient: 2, perFlow: 0 } });
    try {
      const send = (client: string) =>
        direct.api('POST', '/callbacks/none', {}, { token: null, headers: { 'x-forwarded-for': client } });
      const seen = [];
      for (const client of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) seen.push((await send(client)).status);
      // Every request comes from 127.0.0.1 whatever the header says.
      expect(seen).toEqual([404, 404, 429]);
    } finally {
      await direct.close();
    }
  });
});

describe('counters in Redis', () => {
  it('let requests through uncounted when Redis does not answer, and say so in the log', async () => {
    const lines: string[] = [];
    const app = Fastify({
      logger: { level: 'warn', stream: { write: (line: string) => void lines.push(line) } },
    });
    // Nothing listens on port 1: every command fails at once (no offline queue), as in an outage.
    const redis = new Redis({
      port: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    redis.on('error', () => {});
    const limiter = await installIngressRateLimit(app, { defaults: { perClient: 1, perFlow: 1 }, redis });
    expect(limiter.shared).toBe('redis');
    app.post('/hooks/*', {
      onRequest: async (request, reply) => {
        if (
          await limiter.refuse(request, reply, { ingress: 'webhook', name: 'x', limit: limiter.defaults })
        ) {
          return reply;
        }
      },
      handler: async () => ({ ok: true }),
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${url}/hooks/x`, { method: 'POST' })).status);
      expect(statuses).toEqual([200, 200, 200]);
      expect(lines.filter((line) => line.includes('JX_RATE_LIMIT_STORE_UNAVAILABLE'))).toHaveLength(1);
    } finally {
      await app.close();
      redis.disconnect();
    }
  });
});
