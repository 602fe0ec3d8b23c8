import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FlowDocument } from '@junction/runtime';
import { type SandboxHandle, startSandbox } from '@junction/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
let sandbox: SandboxHandle;
let shop: Server;
let shopUrl: string;
/** The shop's delivery endpoint fails while this is true; every delivery it got, by order no. */
const shopState = { failing: false, delivered: [] as string[] };
let productId: string;

/** start → create a card order at the sandbox → deliver it to the shop (an HTTP call that may fail). */
function orderFlow(): FlowDocument {
  return {
    schemaVersion: 1,
    id: 'retry-order',
    name: 'Order, then deliver',
    nodes: [
      { id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
      {
        id: 'create',
        type: 'cardPlatform.createCardOrder',
        typeVersion: 1,
        position: { x: 200, y: 0 },
        config: { productId: '=product_id', confirmWindowMs: 0, pollIntervalMs: 10 },
        credentials: { auth: 'supplier' },
      },
      {
        id: 'deliver',
        type: 'http.request',
        typeVersion: 1,
        position: { x: 400, y: 0 },
        config: { method: 'POST', url: shopUrl, bodyType: 'json', body: '=$' },
      },
    ],
    edges: [
      { id: 'e1', source: { node: 'start', port: 'out' }, target: { node: 'create', port: 'in' } },
      { id: 'e2', source: { node: 'create', port: 'out' }, target: { node: 'deliver', port: 'in' } },
    ],
  } as FlowDocument;
}

async function settled(runId: string, statuses = ['succeeded', 'failed', 'cancelled']) {
  for (let i = 0; i < 500; i++) {
    const detail = await t.api('GET', `/api/runs/${runId}`);
    if (statuses.includes(detail.json.run.status)) return detail.json;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`run ${runId} did not settle`);
}

async function start(input: Record<string, unknown> = { product_id: productId }) {
  const started = await t.api('POST', '/api/flows/retry-order/runs?wait=true', { input });
  expect(started.status).toBe(200);
  return started.json.run as {
    id: string;
    status: string;
    error?: { code: string; details: Record<string, string> };
  };
}

const ordersAt = (customerOrderNo: string) => sandbox.orders({ customerOrderNo });
const createdOnce = (journal: { type: string; nodeId?: string }[]) =>
  journal.filter((e) => e.type === 'node.completed' && e.nodeId === 'create').length;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 11, timeFactor: 0.001 });
  shop = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      if (shopState.failing) {
        response.statusCode = 503;
        response.end('down for maintenance');
        return;
      }
      shopState.delivered.push((JSON.parse(text) as { customer_order_no: string }).customer_order_no);
      response.setHeader('content-type', 'application/json');
      response.end('{"ok":true}');
    });
  });
  shop.listen(0, '127.0.0.1');
  await once(shop, 'listening');
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/deliveries`;
  t = await startTestServer({ egress: { allow: ['127.0.0.1'] } });
  const credential = await t.api('POST', '/api/credentials', {
    id: 'supplier',
    name: 'Sandbox supplier',
    kind: 'card-platform',
    allowedHosts: ['127.0.0.1'],
    data: { appKey: sandbox.appKey, appSecret: sandbox.appSecret, gatewayUrl: sandbox.gatewayUrl },
  });
  expect(credential.status).toBe(201);
  productId = sandbox.products().find((p) => p.product_type === 'card' && p.stock > 100)!.product_id;
  const flow = orderFlow();
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const version = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await sandbox?.close();
  shop?.close();
});

describe('retrying a failed run against the sandbox', () => {
  it('failed AFTER create-order: the retry delivers the same order and creates none', async () => {
    shopState.failing = true;
    const run = await start();
    expect(run.status).toBe('failed');
    expect(run.error?.code).toMatch(/^JX_HTTP/);
    const before = await t.api('GET', `/api/runs/${run.id}`);
    const order = before.json.nodes.find((n: { nodeId: string }) => n.nodeId === 'create');
    const orderNo = before.json.journal.find(
      (e: { type: string; nodeId?: string }) => e.type === 'node.completed' && e.nodeId === 'create',
    ).output.out.customer_order_no as string;
    expect(order).toBeDefined();
    expect(ordersAt(orderNo)).toHaveLength(1);

    shopState.failing = false;
    const retried = await t.api('POST', `/api/runs/${run.id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.json).toEqual({ runId: run.id, retry: 1, children: [] });
    const after = await settled(run.id);
    expect(after.run).toMatchObject({ id: run.id, status: 'succeeded', tags: { retries: 1 } });
    expect(after.run).not.toHaveProperty('error');
    // Never twice: still one order at the supplier, created by one completed create step.
    expect(ordersAt(orderNo)).toHaveLength(1);
    expect(createdOnce(after.journal)).toBe(1);
    expect(shopState.delivered).toEqual([orderNo]);
    // The run view shows the retried step as it ended; the journal keeps the failure before it.
    expect(after.nodes.find((n: { nodeId: string }) => n.nodeId === 'deliver')).toMatchObject({
      status: 'succeeded',
      error: null,
      attempts: 1,
    });
    const types = after.journal.map((e: { type: string; nodeId?: string }) => `${e.type}:${e.nodeId ?? ''}`);
    expect(types.slice(types.indexOf('run.failed:'))).toEqual([
      'run.failed:',
      'run.retried:',
      'node.started:deliver',
      'node.completed:deliver',
      'run.completed:',
    ]);
  });

  it('failed AT create-order (sandbox 5xx): the retry creates it once under the same customer_order_no', async () => {
    sandbox.setFaults({ http5xx: { status: 502 } });
    const run = await start();
    sandbox.setFaults(undefined);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('JX_SUPPLIER_HTTP');
    const orderNo = run.error!.details.customer_order_no!;
    expect(orderNo).toMatch(/^JX[0-9a-f]{30}$/);
    expect(ordersAt(orderNo)).toHaveLength(0);

    expect((await t.api('POST', `/api/runs/${run.id}/retry`)).status).toBe(202);
    const after = await settled(run.id);
    expect(after.run.status).toBe('succeeded');
    const created = after.journal.find(
      (e: { type: string; nodeId?: string }) => e.type === 'node.completed' && e.nodeId === 'create',
    );
    expect(created.output.out.customer_order_no).toBe(orderNo);
    expect(ordersAt(orderNo)).toHaveLength(1);
    // The create step ran in the first attempt and once more in the retry: the same key both times.
    const starts = after.journal.filter(
      (e: { type: string; nodeId?: string }) => e.type === 'node.started' && e.nodeId === 'create',
    );
    expect(starts.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a run that is not failed (409 JX_RUN_NOT_FAILED) and an unknown run (404)', async () => {
    const ok = await start();
    expect(ok.status).toBe('succeeded');
    const refused = await t.api('POST', `/api/runs/${ok.id}/retry`);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({
      code: 'JX_RUN_NOT_FAILED',
      details: { runId: ok.id, status: 'succeeded' },
    });
    const missing = await t.api('POST', '/api/runs/run_nope/retry');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('JX_RUN_NOT_FOUND');
    const reader = (await t.api('POST', '/api/tokens', { name: 'reader', scopes: ['flows:read'] })).json
      .token;
    const forbidden = await t.api('POST', `/api/runs/${ok.id}/retry`, undefined, { token: reader });
    expect(forbidden.status).toBe(403);
  });

  it('retries in bulk by filter and answers counts; refuses a filter for another status', async () => {
    shopState.failing = true;
    const failed = [await start(), await start()];
    shopState.failing = false;
    const byFilter = await t.api('POST', '/api/runs/retry', {
      filter: { flowId: 'retry-order', status: 'failed', errorCode: failed[0]!.error!.code, from: 0 },
      limit: 10,
    });
    expect(byFilter.status).toBe(200);
    expect(byFilter.json).toMatchObject({ matched: 2, retried: 2, refused: [] });
    expect(new Set(byFilter.json.runIds)).toEqual(new Set(failed.map((r) => r.id)));
    for (const run of failed) expect((await settled(run.id)).run.status).toBe('succeeded');
    // Nothing failed is left: a second bulk retry matches nothing.
    const again = await t.api('POST', '/api/runs/retry', { filter: { flowId: 'retry-order' } });
    expect(again.json).toMatchObject({ matched: 0, retried: 0 });

    const wrong = await t.api('POST', '/api/runs/retry', { filter: { status: 'succeeded' } });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error).toMatchObject({
      code: 'JX_RUN_RETRY_STATUS_INVALID',
      details: { status: 'succeeded' },
    });
    const malformed = await t.api('POST', '/api/runs/retry', { filter: { colour: 'red' }, limit: 0 });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toMatch(/^JX_/);
    const audit = await t.api('GET', '/api/audit?action=run.retried');
    expect(audit.json.entries[0]).toMatchObject({
      target: 'retry-order',
      detail: { bulk: true, retried: 2 },
    });
  });

  it('replays a run as a test run, with its input or an edited one, leaving the run as it was', async () => {
    const original = await start();
    const replayed = await t.api('POST', `/api/runs/${original.id}/replay`, {});
    expect(replayed.status).toBe(201);
    expect(replayed.json.replayOf).toBe(original.id);
    const replay = await settled(replayed.json.runId);
    expect(replay.run).toMatchObject({ test: true, status: 'succeeded', input: { product_id: productId } });
    expect(replay.run.id).not.toBe(original.id);

    const edited = await t.api('POST', `/api/runs/${original.id}/replay`, {
      input: { product_id: 'no-such-product' },
    });
    expect(edited.status).toBe(201);
    const editedRun = await settled(edited.json.runId);
    expect(editedRun.run).toMatchObject({
      test: true,
      status: 'failed',
      input: { product_id: 'no-such-product' },
    });
    expect((await t.api('GET', `/api/runs/${original.id}`)).json.run.status).toBe('succeeded');

    const missing = await t.api('POST', '/api/runs/run_nope/replay', {});
    expect(missing.status).toBe(404);
    const bad = await t.api('POST', `/api/runs/${original.id}/replay`, { inputs: {} });
    expect(bad.status).toBe(400);
  });
});
