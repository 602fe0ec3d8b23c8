import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  const flow = fixture('webhook');
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const v1 = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
  const v2 = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
  const deployed = await t.api('POST', `/api/flows/${flow.id}/deploy`, {
    version: v1,
    canary: { version: v2, percent: 50, routingKey: '=body.order' },
  });
  expect(deployed.status).toBe(200);
  for (let i = 0; i < 30; i += 1) {
    expect((await t.api('POST', '/hooks/orders', { order: `o-${i}` }, { token: null })).status).toBe(200);
  }
});
afterAll(async () => t.close());

describe('GET /api/stats/series', () => {
  it('answers per-version columns with main and canary traffic in the current bucket', async () => {
    const response = await t.api('GET', '/api/stats/series?flowId=orders-hook&window=15m&bucket=5m');
    expect(response.status).toBe(200);
    const body = response.json;
    expect(body).toMatchObject({ flowId: 'orders-hook', window: '15m', bucket: '5m', bucketMs: 300_000 });
    expect(body.buckets).toHaveLength(3);
    const roles = body.versions.map((v: { role: string }) => v.role).sort();
    expect(roles).toEqual(['canary', 'main']);
    const runs = body.versions.map((v: { runs: number[] }) => v.runs.at(-1));
    expect(runs.reduce((a: number, b: number) => a + b, 0)).toBe(30);
    for (const version of body.versions) {
      expect(version.runs.at(-1)).toBeGreaterThan(0);
      expect(version.p99.at(-1)).toEqual(expect.any(Number));
    }
    expect(body.nodes.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(body.callbacks).sort()).toEqual(['duplicate', 'early', 'late', 'matched', 'rejected']);
  });

  it('adds 5-minute and 1-hour windows to each node of GET /api/stats', async () => {
    const response = await t.api('GET', '/api/stats?flowId=orders-hook');
    expect(response.status).toBe(200);
    const nodes = response.json.flows.flatMap((f: { nodes: unknown[] }) => f.nodes);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node.windows['5m'].calls).toBe(node.calls);
      expect(node.windows['1h'].p99).toEqual(expect.any(Number));
    }
  });

  it('refuses an unknown window and a bucket wider than its window, with a code', async () => {
    const unknown = await t.api('GET', '/api/stats/series?flowId=orders-hook&window=2d');
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.code).toMatch(/^JX_/);
    const wide = await t.api('GET', '/api/stats/series?flowId=orders-hook&window=5m&bucket=1h');
    expect(wide.status).toBe(400);
    expect(wide.json.error.code).toBe('JX_BAD_REQUEST');
    const missing = await t.api('GET', '/api/stats/series');
    expect(missing.status).toBe(400);
  });
});
