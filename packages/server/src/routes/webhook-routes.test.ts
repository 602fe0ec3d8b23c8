import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;

async function saveVersion(flow: ReturnType<typeof fixture>): Promise<number> {
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  return (await t.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
}

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

describe('webhooks', () => {
  it('runs the deployed flow and answers with its output (onFinish)', async () => {
    const v1 = await saveVersion(fixture('webhook'));
    await t.api('POST', '/api/flows/orders-hook/deploy', { version: v1 });
    const response = await t.api('POST', '/hooks/orders', { order: 'A-1' }, { token: null });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.json)).toContain('A-1');
    const runId = response.headers.get('x-junction-run-id');
    const run = await t.api('GET', `/api/runs/${runId}`);
    expect(run.json.run).toMatchObject({ flowId: 'orders-hook', flowVersion: v1, status: 'succeeded' });
  });

  it("keeps the caller's credential headers out of the run input, journal and API", async () => {
    const response = await t.api(
      'POST',
      '/hooks/orders',
      { order: 'A-2' },
      {
        token: null,
        headers: { authorization: 'Bearer CALLER-SECRET-77', cookie: 'session=CALLER-COOKIE-78' },
      },
    );
    expect(response.status).toBe(200);
    const run = await t.api('GET', `/api/runs/${response.headers.get('x-junction-run-id')}`);
    expect(run.json.run.input.headers).toMatchObject({ authorization: '[redacted]', cookie: '[redacted]' });
    const list = await t.api('GET', '/api/runs?flowId=orders-hook');
    for (const text of [run.text, list.text, t.logs.join('')]) {
      expect(text).not.toContain('CALLER-SECRET-77');
      expect(text).not.toContain('CALLER-COOKIE-78');
    }
  });

  it('answers immediately with the configured status and body', async () => {
    const flow = fixture('webhook');
    flow.id = 'quick-hook';
    flow.nodes[0]!.config = {
      method: 'ANY',
      path: 'quick',
      responseMode: 'immediately',
      responseStatus: 202,
      responseBody: 'success',
    };
    await t.api('POST', '/api/flows/quick-hook/deploy', { version: await saveVersion(flow) });
    const response = await t.api('PUT', '/hooks/quick', { order: 'B' }, { token: null });
    expect(response.status).toBe(202);
    expect(response.text).toBe('success');
    expect(response.headers.get('x-junction-run-id')).toBeTruthy();
  });

  it('routes to the canary deterministically by routing key and tags canary runs', async () => {
    const flow = fixture('webhook');
    flow.id = 'canary-hook';
    flow.nodes[0]!.config = { method: 'POST', path: 'canary', responseMode: 'onFinish' };
    const v1 = await saveVersion(flow);
    const v2 = await saveVersion(flow);
    await t.api('POST', '/api/flows/canary-hook/deploy', {
      version: v1,
      canary: { version: v2, percent: 50, routingKey: 'body.customer' },
    });
    const seen = new Map<string, number>();
    for (let i = 0; i < 20; i++) {
      const customer = `c${i % 5}`;
      const response = await t.api('POST', '/hooks/canary', { customer }, { token: null });
      expect(response.status).toBe(200);
      const version = response.json.version as number;
      if (seen.has(customer)) expect(version).toBe(seen.get(customer));
      seen.set(customer, version);
    }
    expect(new Set(seen.values()).size).toBe(2);
    const canaryRuns = await t.api('GET', `/api/runs?flowId=canary-hook&version=${v2}`);
    expect(canaryRuns.json.runs.length).toBeGreaterThan(0);
    expect(canaryRuns.json.runs[0].tags).toMatchObject({ canary: true });
  });

  it('answers from a flow.respond node (respondNode)', async () => {
    const flow = fixture('webhook');
    flow.id = 'respond-hook';
    flow.nodes[0]!.config = { method: 'POST', path: 'respond', responseMode: 'respondNode' };
    flow.nodes.push({
      id: 'reply',
      type: 'flow.respond',
      typeVersion: 1,
      position: { x: 400, y: 0 },
      config: { status: 201, body: 'accepted' },
    });
    flow.edges.push({
      id: 'e2',
      source: { node: 'shape', port: 'out' },
      target: { node: 'reply', port: 'in' },
    });
    await t.api('POST', '/api/flows/respond-hook/deploy', { version: await saveVersion(flow) });
    const response = await t.api('POST', '/hooks/respond', { order: 'C' }, { token: null });
    expect(response.status).toBe(201);
    expect(response.text).toBe('accepted');
  });

  it('answers 404 for unknown hooks and 405 for the wrong method', async () => {
    const unknown = await t.api('POST', '/hooks/nothing-here', {}, { token: null });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('JX_WEBHOOK_NOT_FOUND');
    const wrongMethod = await t.api('GET', '/hooks/orders', undefined, { token: null });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.json.error.code).toBe('JX_WEBHOOK_METHOD_NOT_ALLOWED');
  });

  it('stops serving a hook once the flow is undeployed', async () => {
    await t.api('DELETE', '/api/flows/orders-hook/deploy');
    expect((await t.api('POST', '/hooks/orders', {}, { token: null })).status).toBe(404);
  });
});
