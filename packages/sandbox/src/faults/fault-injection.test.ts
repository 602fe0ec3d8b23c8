import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  buildGatewayRequest,
  callGateway,
  GATEWAY_ERRORS,
  type OrderView,
  type SandboxHandle,
  startSandbox,
  verifyPayload,
} from '../index.ts';
import { eventually } from '../testing/gateway-test-kit.ts';
import { type MerchantServer, startMerchantServer } from '../testing/merchant-server.ts';

let sandbox: SandboxHandle;
let merchant: MerchantServer;
const creds = () => ({ appKey: sandbox.appKey, appSecret: sandbox.appSecret });
const info = (productId = '10000001') =>
  callGateway(sandbox.gatewayUrl, creds(), 'goods.info.get', { product_id: productId });
const order = (customerOrderNo: string) =>
  callGateway<OrderView>(sandbox.gatewayUrl, creds(), 'order.card.add', {
    product_id: '10000003',
    customer_order_no: customerOrderNo,
  });
const settledAll = () =>
  sandbox.orders().every((o) => o.order_state === 'success' || o.order_state === 'failed');

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 9, timeFactor: 0.001 });
  merchant = await startMerchantServer();
});
afterEach(() => {
  sandbox.reset();
  merchant.received.length = 0;
});
afterAll(async () => {
  await sandbox.close();
  await merchant.close();
});

describe('transport faults', () => {
  it('adds latency', async () => {
    sandbox.setFaults({ latencyMs: 120 });
    const started = Date.now();
    expect((await info()).code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('answers HTTP 5xx, scoped to a product', async () => {
    sandbox.setFaults({ http5xx: { status: 502 } }, { productId: '10000002' });
    const request = (productId: string) =>
      fetch(sandbox.gatewayUrl, {
        method: 'POST',
        body: JSON.stringify(buildGatewayRequest(creds(), 'goods.info.get', { product_id: productId })),
      });
    expect((await request('10000002')).status).toBe(502);
    expect((await request('10000001')).status).toBe(200);
  });

  it('answers HTTP 503 per app key by default', async () => {
    sandbox.setFaults({ http5xx: {} }, { appKey: sandbox.appKey });
    const response = await fetch(sandbox.gatewayUrl, {
      method: 'POST',
      body: JSON.stringify(buildGatewayRequest(creds(), 'user.info.get')),
    });
    expect(response.status).toBe(503);
  });

  it('drops the connection after accepting (and charging) the order', async () => {
    sandbox.setFaults({ dropAfterAccept: true });
    const before = sandbox.balance();
    await expect(order('drop-1')).rejects.toThrow();
    expect(sandbox.orders({ customerOrderNo: 'drop-1' })).toHaveLength(1);
    expect(sandbox.balance()).toBeLessThan(before);
    sandbox.setFaults(undefined);
    // The merchant's safe retry: the same number is refused, the order can be queried.
    const charged = sandbox.balance();
    expect((await order('drop-1')).code).toBe(GATEWAY_ERRORS.duplicateOrder.code);
    expect(sandbox.balance()).toBe(charged);
    const found = await callGateway<OrderView>(sandbox.gatewayUrl, creds(), 'order.info.get', {
      customer_order_no: 'drop-1',
    });
    expect(found.code).toBe(0);
  });

  it('rate limits per app key', async () => {
    sandbox.setFaults({ rateLimitPerSecond: 3 }, { appKey: sandbox.appKey });
    const codes: number[] = [];
    for (let i = 0; i < 5; i += 1) codes.push((await info()).code);
    expect(codes).toEqual([0, 0, 0, GATEWAY_ERRORS.rateLimited.code, GATEWAY_ERRORS.rateLimited.code]);
  });
});

describe('order faults', () => {
  it('answers "order not found" for a while after creation', async () => {
    // 80 simulated seconds = 80 ms real at this time factor.
    sandbox.setFaults({ orderNotFoundMs: 80_000 });
    await order('hidden');
    const query = () =>
      callGateway(sandbox.gatewayUrl, creds(), 'order.info.get', { customer_order_no: 'hidden' });
    expect((await query()).code).toBe(GATEWAY_ERRORS.orderNotFound.code);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await query()).code).toBe(0);
  });
});

describe('callback faults', () => {
  it('delays callbacks', async () => {
    sandbox.setNotifyUrl(merchant.url);
    sandbox.setFaults({ callbackDelayMs: 100_000 });
    const created = await order('late');
    await eventually(settledAll);
    const settledAt = Date.now();
    const [delivery] = await sandbox.waitForDeliveries(1);
    expect(delivery!.sentAt - settledAt).toBeGreaterThanOrEqual(80);
    expect(delivery!.orderId).toBe(created.result!.order_id);
  });

  it('duplicates callbacks', async () => {
    sandbox.setNotifyUrl(merchant.url);
    sandbox.setFaults({ callbackDuplicate: true });
    await order('twice');
    const deliveries = await sandbox.waitForDeliveries(2);
    expect(deliveries.map((d) => d.kind)).toEqual(['first', 'duplicate']);
    expect(merchant.received[0]!.body).toEqual(merchant.received[1]!.body);
  });

  it('delivers held callbacks out of order', async () => {
    sandbox.setNotifyUrl(merchant.url);
    sandbox.setFaults({ callbackOutOfOrderWindowMs: 400_000 });
    for (const no of ['o-1', 'o-2', 'o-3']) await order(no);
    await sandbox.waitForDeliveries(3);
    expect(merchant.received.map((c) => c.body.customer_order_no)).toEqual(['o-3', 'o-2', 'o-1']);
  });

  it('sends the callback before the create call answers', async () => {
    sandbox.setNotifyUrl(merchant.url);
    sandbox.setFaults({ callbackBeforeResponse: true });
    const created = await order('early');
    expect(merchant.received).toHaveLength(1);
    expect(merchant.received[0]!.body).toMatchObject({ customer_order_no: 'early', order_status: 'success' });
    expect(created.result?.order_state).toBe('untreated');
  });

  it('sends a processing notice before settlement, then the result', async () => {
    sandbox.setNotifyUrl(merchant.url);
    sandbox.setFaults({ callbackBeforeSettlement: true });
    await order('two-notices');
    await sandbox.waitForDeliveries(2);
    expect(merchant.received.map((c) => c.body.order_status)).toEqual(['processing', 'success']);
    for (const notice of merchant.received) expect(verifyPayload(notice.body, sandbox.appSecret)).toBe(true);
  });

  it('never sends callbacks', async () => {
    sandbox.setNotifyUrl(merchant.url);
    sandbox.setFaults({ callbackNever: true });
    await order('silent');
    await eventually(settledAll);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(merchant.received).toHaveLength(0);
    expect(sandbox.deliveries()).toHaveLength(0);
  });

  it('signs callbacks badly', async () => {
    sandbox.setNotifyUrl(merchant.url);
    sandbox.setFaults({ callbackBadSignature: true });
    await order('forged');
    const [delivery] = await sandbox.waitForDeliveries(1);
    expect(delivery!.badSignature).toBe(true);
    expect(verifyPayload(merchant.received[0]!.body, sandbox.appSecret)).toBe(false);
    expect(merchant.received[0]!.body.sign).toMatch(/^[0-9a-f]{32}$/);
  });
});
