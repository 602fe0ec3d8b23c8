import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  callGateway,
  DEFAULT_CALLBACK_SCHEDULE_MS,
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
const order = (customerOrderNo: string, extra: Record<string, unknown> = {}) =>
  callGateway<OrderView>(sandbox.gatewayUrl, creds(), 'order.direct.add', {
    product_id: '10000013',
    customer_order_no: customerOrderNo,
    charge_account: '13900000000',
    ...extra,
  });

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, timeFactor: 0.001 });
  merchant = await startMerchantServer();
});
afterEach(() => {
  sandbox.reset();
  merchant.received.length = 0;
  merchant.answer = () => 'success';
});
afterAll(async () => {
  await sandbox.close();
  await merchant.close();
});

describe('settlement callbacks', () => {
  it('POSTs the signed result to the notify_url of the order', async () => {
    const created = await order('cb-1', { notify_url: merchant.url });
    const [delivery] = await sandbox.waitForDeliveries(1);
    expect(delivery).toMatchObject({
      outcome: 'acknowledged',
      attempt: 1,
      kind: 'first',
      httpStatus: 200,
      url: merchant.url,
    });
    const body = merchant.received[0]!.body;
    expect(verifyPayload(body, sandbox.appSecret)).toBe(true);
    expect(body).toMatchObject({
      order_id: created.result!.order_id,
      customer_order_no: 'cb-1',
      order_status: 'success',
      recharge_description: '充值成功',
      product_id: '10000013',
      buy_num: '1',
    });
    expect(body.price).toMatch(/^\d+\.\d{4}$/);
    expect(body.charge_finish_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('uses the notify URL set per app key through the admin API', async () => {
    const response = await fetch(`${sandbox.adminUrl}/notify-urls/${sandbox.appKey}`, {
      method: 'PUT',
      headers: { 'x-admin-token': sandbox.adminToken, 'content-type': 'application/json' },
      body: JSON.stringify({ url: merchant.url }),
    });
    expect(response.status).toBe(200);
    await order('cb-2');
    await sandbox.waitForDeliveries(1);
    expect(merchant.received[0]!.body.customer_order_no).toBe('cb-2');
  });

  it('sends nothing when no notify URL is known', async () => {
    const created = await order('cb-3');
    await eventually(() => sandbox.order(created.result!.order_id).order_state === 'success');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sandbox.deliveries()).toHaveLength(0);
  });

  it('retries anything but the literal body `success` on the schedule', async () => {
    const answers = ['fail', 'SUCCESS', 'success\n', '"success"'];
    merchant.answer = (_callback, index) => answers[index] ?? 'success';
    await order('cb-4', { notify_url: merchant.url });
    const deliveries = await sandbox.waitForDeliveries(5, { timeoutMs: 5000 });
    expect(deliveries.map((d) => d.outcome)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'acknowledged',
    ]);
    // The supplier's documented schedule: immediately, 15 s, 30 s, 3 min, 10 min (scaled by timeFactor).
    expect(deliveries.map((d) => d.plannedDelayMs)).toEqual([0, 15_000, 30_000, 180_000, 600_000]);
    expect(deliveries.map((d) => d.attempt)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < deliveries.length; i += 1) {
      const gap = deliveries[i]!.sentAt - deliveries[i - 1]!.finishedAt;
      expect(gap).toBeGreaterThanOrEqual(DEFAULT_CALLBACK_SCHEDULE_MS[i]! * 0.001 - 2);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sandbox.deliveries()).toHaveLength(5);
  });

  it('records unreachable notify URLs as errors and keeps retrying', async () => {
    const dead = await startMerchantServer();
    await dead.close();
    await order('cb-5', { notify_url: dead.url });
    const deliveries = await sandbox.waitForDeliveries(2);
    expect(deliveries.slice(0, 2).map((d) => d.outcome)).toEqual(['error', 'error']);
    expect(deliveries[0]!.error).toBeTruthy();
  });
});

describe('retry schedule limits', () => {
  it('gives up when the configured schedule is exhausted', async () => {
    const short = await startSandbox({
      timeFactor: 0.001,
      config: { callbackScheduleMs: [0, 5_000, 5_000] },
    });
    try {
      merchant.answer = () => 'no';
      await callGateway(
        short.gatewayUrl,
        { appKey: short.appKey, appSecret: short.appSecret },
        'order.direct.add',
        {
          product_id: '10000013',
          customer_order_no: 'limit',
          charge_account: '13900000000',
          notify_url: merchant.url,
        },
      );
      await short.waitForDeliveries(3);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(short.deliveries().map((d) => d.attempt)).toEqual([1, 2, 3]);
    } finally {
      await short.close();
    }
  });
});
