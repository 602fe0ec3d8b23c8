import { signPayload } from '@junction/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CardStack, startCardStack } from './support/card-stack.ts';
import { waitUntil } from './support/wait-until.ts';

const STEAM_50 = '10000001';
const QQ_10 = '10000003';

describe('order-card: the server restarts while runs wait', () => {
  let stack: CardStack;
  beforeAll(async () => {
    // Orders only settle when a test says so; callback retries come quickly (0.2 s, 0.4 s, 0.8 s…).
    stack = await startCardStack({
      config: {
        settleDelayMs: 360_000_000,
        callbackScheduleMs: [0, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000],
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('completes every waiting run after a restart, from supplier retries and late callbacks', async () => {
    const { sandbox } = stack;
    const before = sandbox.balance();
    const runIds = new Map<string, string>();
    for (const [orderNo, productId] of [
      ['R-1', STEAM_50],
      ['R-2', QQ_10],
      ['R-3', STEAM_50],
    ] as const) {
      const answer = await stack.hook('shop/order', { product_id: productId, customer_order_no: orderNo });
      expect(answer.status).toBe(202);
      runIds.set(orderNo, answer.headers.get('x-junction-run-id')!);
    }
    for (const runId of runIds.values()) await stack.waitForRun(runId, ['waiting']);
    const orderId = (orderNo: string) => sandbox.orders({ customerOrderNo: orderNo })[0]!.order_id;

    await stack.restartServer(async () => {
      // While the server is down: settle, and their callbacks hit a closed port.
      sandbox.settle(orderId('R-1'));
      sandbox.settle(orderId('R-2'));
      await waitUntil(
        () => (sandbox.deliveries().filter((d) => d.outcome === 'error').length >= 2 ? true : undefined),
        'callbacks refused while the server is down',
      );
    });

    // The supplier's retries reach the restarted server and resume.
    for (const orderNo of ['R-1', 'R-2']) {
      const view = await stack.waitForRun(runIds.get(orderNo)!);
      expect(view.run.status).toBe('succeeded');
      expect(view.run.output).toMatchObject({ status: 'delivered', customer_order_no: orderNo });
      const attempts = sandbox.deliveries({ customerOrderNo: orderNo }).map((d) => d.outcome);
      expect(attempts[0]).toBe('error');
      expect(attempts.at(-1)).toBe('acknowledged');
    }
    // R-3 settles after the restart: its first callback resumes it.
    sandbox.settle(orderId('R-3'));
    const third = await stack.waitForRun(runIds.get('R-3')!);
    expect(third.run.status).toBe('succeeded');
    expect(sandbox.deliveries({ customerOrderNo: 'R-3' }).map((d) => d.outcome)).toEqual(['acknowledged']);

    // One order each, each charged once.
    const orders = sandbox.orders();
    expect(orders.map((o) => o.customer_order_no).sort()).toEqual(['R-1', 'R-2', 'R-3']);
    const charged = orders.reduce((sum, o) => sum + o.order_price, 0);
    expect(sandbox.balance()).toBeCloseTo(before - charged, 4);
  });

  it('resumes a waiting run from a callback posted by hand after the restart', async () => {
    const { sandbox } = stack;
    sandbox.setFaults({ callbackNever: true });
    const answer = await stack.hook('shop/order', { product_id: QQ_10, customer_order_no: 'R-4' });
    const runId = answer.headers.get('x-junction-run-id')!;
    await stack.waitForRun(runId, ['waiting']);
    await stack.restartServer();
    const order = sandbox.settle(sandbox.orders({ customerOrderNo: 'R-4' })[0]!.order_id);
    const fields = {
      order_id: order.order_id,
      charge_finish_time: order.finish_time,
      customer_order_no: 'R-4',
      order_status: order.order_state,
      recharge_description: order.recharge_description,
      product_id: order.product_id,
      price: '0',
      buy_num: String(order.buy_num),
      operator_serial_number: order.operator_serial_number,
    };
    const ack = await stack.callback('card-platform', {
      ...fields,
      sign: signPayload(fields, sandbox.appSecret),
    });
    expect(ack).toMatchObject({ status: 200, body: 'success' });
    const view = await stack.waitForRun(runId);
    expect(view.run.status).toBe('succeeded');
    expect(sandbox.deliveries({ customerOrderNo: 'R-4' })).toHaveLength(0);
    sandbox.setFaults(undefined);
  });

  it('fails with ORDER_UNSETTLED when the order neither calls back nor settles before the poll gives up', async () => {
    const { sandbox } = stack;
    await stack.redeploy('order-card', { callbackTimeoutMs: 200, pollTimeoutSeconds: 0.5 });
    try {
      const answer = await stack.hook('shop/order', { product_id: QQ_10, customer_order_no: 'R-5' });
      const view = await stack.waitForRun(answer.headers.get('x-junction-run-id')!);
      expect(view.run.status).toBe('failed');
      expect(view.run.error).toMatchObject({ code: 'JX_USER_ORDER_UNSETTLED' });
      expect(view.run.error?.message).toContain('Order R-5 has not settled');
      // Still open at the supplier: nothing was refunded or ordered again.
      const orders = sandbox.orders({ customerOrderNo: 'R-5' });
      expect(orders).toHaveLength(1);
      expect(['untreated', 'processing']).toContain(orders[0]!.order_state);
    } finally {
      await stack.redeploy('order-card', {});
    }
  });
});
