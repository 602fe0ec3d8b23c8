import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

// A callback verified in one environment never resumes a run of another (issue 13): the flow's
// verification credential is bound to another secret in sandbox, and order numbers collide.

const PRODUCTION_SECRET = 'cb-PROD-5ecret-71';
const SANDBOX_SECRET = 'cb-SANDBOX-5ecret-42';
let t: TestServer;

async function callback(body: unknown, secret: string, path: string): Promise<ApiResponse> {
  const raw = JSON.stringify(body);
  const signature = createHmac('sha256', secret).update(raw).digest('hex');
  return t.api('POST', path, undefined, {
    token: null,
    raw,
    headers: { 'content-type': 'application/json', 'x-signature': signature },
  });
}

async function run(runId: string): Promise<ApiResponse['json']> {
  return (await t.api('GET', `/api/runs/${runId}`)).json;
}

async function runStatus(runId: string, want: string): Promise<ApiResponse['json']> {
  let detail = await run(runId);
  for (let i = 0; i < 150 && detail.run.status !== want; i++) {
    await new Promise((r) => setTimeout(r, 20));
    detail = await run(runId);
  }
  return detail;
}

async function start(order: string): Promise<string> {
  const started = await t.api('POST', '/api/flows/await-order/runs?wait=true', { input: { order } });
  expect(started.json.run.status).toBe('waiting');
  expect(started.json.run.tags?.environment ?? 'production').toBe('production');
  return started.json.run.id as string;
}

async function lastOutcomes(limit: number): Promise<string[]> {
  const log = await t.api('GET', `/api/callbacks?channel=orders&limit=${limit}`);
  return (log.json.callbacks as { outcome: string }[]).map((entry) => entry.outcome).reverse();
}

beforeAll(async () => {
  t = await startTestServer();
  for (const [id, secret] of [
    ['callback-signing', PRODUCTION_SECRET],
    ['callback-signing-test', SANDBOX_SECRET],
  ] as const) {
    const created = await t.api('POST', '/api/credentials', {
      id,
      name: id,
      kind: 'hmac-header',
      allowedHosts: ['supplier.test'],
      data: { secret },
    });
    expect(created.status).toBe(201);
  }
  const bound = await t.api('PATCH', '/api/environments/sandbox', {
    credentials: { 'callback-signing': 'callback-signing-test' },
  });
  expect(bound.status).toBe(200);
  const flow = fixture('await');
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const { version } = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json;
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
  const sandbox = await t.api('POST', `/api/flows/${flow.id}/deploy`, { version, environment: 'sandbox' });
  expect(sandbox.status).toBe(200);
});
afterAll(async () => t.close());

describe('callbacks across environments', () => {
  it('refuses a sandbox-signed callback for a production run; the genuine one resumes it', async () => {
    const runId = await start('K-1');
    const forged = await callback(
      { order_no: 'K-1', state: 'success' },
      SANDBOX_SECRET,
      '/callbacks/sandbox/orders',
    );
    expect(forged.status).toBe(401);
    expect(forged.json.error.code).toBe('JX_CALLBACK_WRONG_ENVIRONMENT');
    expect((await lastOutcomes(1))[0]).toBe('rejected');
    expect((await run(runId)).run.status).toBe('waiting');

    // Same body: the refused one was not delivered, so the genuine notice is no duplicate.
    const genuine = await callback(
      { order_no: 'K-1', state: 'success' },
      PRODUCTION_SECRET,
      '/callbacks/orders',
    );
    expect(genuine.status).toBe(200);
    expect((await lastOutcomes(1))[0]).toBe('matched');
    const done = await runStatus(runId, 'succeeded');
    expect(JSON.stringify(done.run.output)).toContain('K-1');
  });

  it('keeps an early sandbox-signed callback but never lets it resume the production run', async () => {
    const early = await callback(
      { order_no: 'K-2', state: 'forged' },
      SANDBOX_SECRET,
      '/callbacks/sandbox/orders',
    );
    expect(early.status).toBe(200);
    expect((await lastOutcomes(1))[0]).toBe('early');

    const runId = await start('K-2');
    let detail = await run(runId);
    for (let i = 0; i < 150 && !detail.nodes.some((n: { noted?: unknown[] }) => n.noted?.length); i++) {
      await new Promise((r) => setTimeout(r, 20));
      detail = await run(runId);
    }
    expect(detail.run.status).toBe('waiting');
    const wait = detail.nodes.find((n: { nodeId: string }) => n.nodeId === 'wait');
    expect(wait).toMatchObject({
      status: 'waiting',
      noted: [{ payload: { order_no: 'K-2', state: 'forged' } }],
    });

    const genuine = await callback(
      { order_no: 'K-2', state: 'success' },
      PRODUCTION_SECRET,
      '/callbacks/orders',
    );
    expect(genuine.status).toBe(200);
    expect((await lastOutcomes(1))[0]).toBe('matched');
    const done = await runStatus(runId, 'succeeded');
    expect(JSON.stringify(done.run.output)).toContain('success');
  });
});
