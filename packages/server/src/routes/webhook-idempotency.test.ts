import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FlowDocument } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
let supplier: Server;
let supplierUrl: string;
/** Orders the supplier received, by customer_order_no: the side effect that must not double. */
const received = new Map<string, number>();

async function deploy(flow: FlowDocument): Promise<void> {
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const version = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
}

function order(path: string, body: unknown, headers: Record<string, string> = {}) {
  return t.api('POST', `/hooks/${path}`, body, { token: null, headers });
}

async function runsOf(flowId: string): Promise<{ id: string; status: string }[]> {
  return (await t.api('GET', `/api/runs?flowId=${flowId}`)).json.runs;
}

/** `shop-order` with another id, path and trigger settings. */
function variant(id: string, config: Record<string, unknown>): FlowDocument {
  const flow = fixture('idempotent-order');
  flow.id = id;
  flow.nodes[0]!.config = { ...flow.nodes[0]!.config, path: id, ...config };
  return flow;
}

beforeAll(async () => {
  supplier = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const { customer_order_no: orderNo } = JSON.parse(text) as { customer_order_no: string };
      const call = (received.get(orderNo) ?? 0) + 1;
      received.set(orderNo, call);
      // Slow enough that a second request arrives while the first run is still in flight.
      setTimeout(() => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ order: orderNo, call }));
      }, 150);
    });
  });
  supplier.listen(0, '127.0.0.1');
  await once(supplier, 'listening');
  supplierUrl = `http://127.0.0.1:${(supplier.address() as AddressInfo).port}/orders`;
  t = await startTestServer({ egress: { allow: [new URL(supplierUrl).host] } });
  await deploy(fixture('idempotent-order'));
});
afterAll(async () => {
  await t.close();
  supplier.close();
});

describe('idempotent webhooks', () => {
  it('runs two concurrent identical requests once and answers both with that run', async () => {
    const body = { customer_order_no: 'SO-1', supplier: supplierUrl };
    const [a, b] = await Promise.all([order('shop/order', body), order('shop/order', body)]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.json).toEqual({ order: 'SO-1', supplierCall: 1 });
    expect(b.json).toEqual(a.json);
    const runId = a.headers.get('x-junction-run-id');
    expect(runId).toMatch(/^webhook:shop-order:[0-9a-f]{32}$/);
    expect(b.headers.get('x-junction-run-id')).toBe(runId);
    const replayed = [a, b].map((r) => r.headers.get('x-junction-replayed'));
    expect(replayed.filter((h) => h === 'true')).toHaveLength(1);
    expect(received.get('SO-1')).toBe(1);
    expect((await runsOf('shop-order')).map((r) => r.id)).toEqual([runId]);
  });

  it('replays the finished run to a later retry, and runs another key anew', async () => {
    const first = await order('shop/order', { customer_order_no: 'SO-2', supplier: supplierUrl });
    const retry = await order('shop/order', { customer_order_no: 'SO-2', supplier: supplierUrl });
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual({ order: 'SO-2', supplierCall: 1 });
    expect(retry.headers.get('x-junction-replayed')).toBe('true');
    expect(retry.headers.get('x-junction-run-id')).toBe(first.headers.get('x-junction-run-id'));
    expect(received.get('SO-2')).toBe(1);

    const other = await order('shop/order', { customer_order_no: 'SO-3', supplier: supplierUrl });
    expect(other.headers.get('x-junction-replayed')).toBeNull();
    expect(other.headers.get('x-junction-run-id')).not.toBe(first.headers.get('x-junction-run-id'));
  });

  it("answers a retry with the first run's error and never starts a second run", async () => {
    const flow = variant('failing-order', {});
    flow.nodes.splice(1, 2, {
      id: 'boom',
      type: 'flow.fail',
      typeVersion: 1,
      position: { x: 200, y: 0 },
      config: { code: 'OUT_OF_STOCK', message: 'The product is out of stock.' },
    });
    flow.edges = [{ id: 'e1', source: { node: 'hook', port: 'out' }, target: { node: 'boom', port: 'in' } }];
    await deploy(flow);
    const first = await order('failing-order', { customer_order_no: 'SO-4' });
    const retry = await order('failing-order', { customer_order_no: 'SO-4' });
    expect(first.json.error.code).toBe('JX_USER_OUT_OF_STOCK');
    expect(retry.status).toBe(first.status);
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get('x-junction-replayed')).toBe('true');
    expect(await runsOf('failing-order')).toHaveLength(1);
  });

  it('keys on a header when the setting is a header name (immediately), and runs keyless requests', async () => {
    await deploy(
      variant('quick-order', {
        responseMode: 'immediately',
        responseStatus: 202,
        responseBody: 'accepted',
        idempotencyKey: 'Idempotency-Key',
      }),
    );
    const body = { customer_order_no: 'SO-5', supplier: supplierUrl };
    const first = await order('quick-order', body, { 'idempotency-key': 'k-5' });
    const retry = await order('quick-order', body, { 'Idempotency-Key': 'k-5' });
    expect(first.status).toBe(202);
    expect([retry.status, retry.text]).toEqual([202, 'accepted']);
    expect(retry.headers.get('x-junction-replayed')).toBe('true');
    expect(retry.headers.get('x-junction-run-id')).toBe(first.headers.get('x-junction-run-id'));

    const keyless = await order('quick-order', { customer_order_no: 'SO-6', supplier: supplierUrl });
    const keylessAgain = await order('quick-order', { customer_order_no: 'SO-6', supplier: supplierUrl });
    expect(keylessAgain.headers.get('x-junction-run-id')).not.toBe(keyless.headers.get('x-junction-run-id'));
    await expect.poll(async () => (await runsOf('quick-order')).length).toBe(3);
  });

  it('replays the answer of a flow.respond node after the run finished', async () => {
    const flow = variant('respond-order', { responseMode: 'respondNode' });
    flow.nodes.push({
      id: 'answer',
      type: 'flow.respond',
      typeVersion: 1,
      position: { x: 600, y: 0 },
      config: { status: 201, body: '=order & ":" & $string(supplierCall)' },
    });
    flow.edges.push({
      id: 'e3',
      source: { node: 'reply', port: 'out' },
      target: { node: 'answer', port: 'in' },
    });
    await deploy(flow);
    const body = { customer_order_no: 'SO-7', supplier: supplierUrl };
    const first = await order('respond-order', body);
    expect([first.status, first.text]).toEqual([201, 'SO-7:1']);
    await expect.poll(async () => (await runsOf('respond-order'))[0]?.status).toBe('succeeded');
    const retry = await order('respond-order', body);
    expect([retry.status, retry.text]).toEqual([201, 'SO-7:1']);
    expect(retry.headers.get('x-junction-replayed')).toBe('true');
    expect(received.get('SO-7')).toBe(1);
  });

  it('refuses a request whose key expression fails (422) without starting a run', async () => {
    await deploy(variant('strict-order', { idempotencyKey: '=$error("no key")' }));
    const refused = await order('strict-order', { customer_order_no: 'SO-8' });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('JX_WEBHOOK_IDEMPOTENCY_KEY_INVALID');
    expect(await runsOf('strict-order')).toHaveLength(0);
  });
});

describe('an idempotent webhook that outlasts its wait', () => {
  let slow: TestServer;
  beforeAll(async () => {
    // The supplier takes 150 ms; the webhook waits 20 ms before its 202.
    slow = await startTestServer({ egress: { allow: [new URL(supplierUrl).host] }, webhookWaitMs: 20 });
    const flow = variant('slow-order', {});
    expect((await slow.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
    const version = (await slow.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
    expect((await slow.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
  });
  afterAll(() => slow.close());

  it('replays its 202 to a retry after the run finished, not the later result', async () => {
    const body = { customer_order_no: 'SO-9', supplier: supplierUrl };
    const post = () => slow.api('POST', '/hooks/slow-order', body, { token: null });
    const first = await post();
    const runId = first.headers.get('x-junction-run-id');
    expect([first.status, first.json]).toEqual([202, { runId, status: 'accepted', recorded: true }]);
    await expect
      .poll(async () => (await slow.api('GET', `/api/runs/${runId}`)).json.run.status)
      .toBe('succeeded');
    const retry = await post();
    expect([retry.status, retry.json]).toEqual([202, first.json]);
    expect(retry.headers.get('x-junction-replayed')).toBe('true');
    expect(received.get('SO-9')).toBe(1);
  });
});
