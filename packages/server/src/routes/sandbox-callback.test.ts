import { callGateway, type SandboxHandle, startSandbox } from '@junction/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 3, timeFactor: 0.001 });
  t = await startTestServer();
  const credential = await t.api('POST', '/api/credentials', {
    id: 'callback-signing',
    name: 'Card platform',
    kind: 'card-platform',
    allowedHosts: ['127.0.0.1'],
    data: { appKey: sandbox.appKey, appSecret: sandbox.appSecret, gatewayUrl: sandbox.gatewayUrl },
  });
  expect(credential.status).toBe(201);
  const flow = fixture('await');
  flow.nodes[1]!.config = {
    channel: 'card-orders',
    correlationKey: '=order',
    keyPath: 'customer_order_no',
    ack: 'success',
  };
  flow.nodes[2]!.config = { mapping: { delivered: '=customer_order_no', state: '=order_status' } };
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  await t.api('POST', `/api/flows/${flow.id}/versions`);
  await t.api('POST', `/api/flows/${flow.id}/deploy`, { version: 1 });
});
afterAll(async () => {
  await t.close();
  await sandbox.close();
});

describe('callbacks from the card-platform sandbox', () => {
  it('verifies the supplier signature, resumes the run and answers "success"', async () => {
    const run = await t.api('POST', '/api/flows/await-order/runs?wait=true', { input: { order: 'SBX-1' } });
    expect(run.json.run.status).toBe('waiting');
    const product = sandbox.products().find((p) => p.product_type === 'card' && p.stock > 0)!;
    const created = await callGateway(
      sandbox.gatewayUrl,
      { appKey: sandbox.appKey, appSecret: sandbox.appSecret },
      'order.card.add',
      {
        product_id: product.product_id,
        buy_num: 1,
        customer_order_no: 'SBX-1',
        notify_url: `${t.url}/callbacks/card-orders`,
      },
    );
    expect(created.code).toBe(0);
    let detail = await t.api('GET', `/api/runs/${run.json.run.id}`);
    for (let i = 0; i < 150 && detail.json.run.status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      detail = await t.api('GET', `/api/runs/${run.json.run.id}`);
    }
    expect(detail.json.run.output).toMatchObject({ delivered: 'SBX-1' });
    const log = await t.api('GET', '/api/callbacks?channel=card-orders');
    expect(log.json.callbacks.at(-1)).toMatchObject({ key: 'SBX-1', outcome: 'matched' });
    expect(log.json.callbacks.some((c: { outcome: string }) => c.outcome === 'rejected')).toBe(false);
  });
});
