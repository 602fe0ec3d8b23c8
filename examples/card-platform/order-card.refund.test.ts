import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CardStack, nodesThatEmitted, startCardStack } from './support/card-stack.ts';

const STEAM_50 = '10000001';

describe('order-card: the supplier reports the order failed', () => {
  let stack: CardStack;
  beforeAll(async () => {
    // Slower simulated time than the other suites (settlement after ~1 s), so the test can see the
    // balance debited on acceptance before the failed settlement refunds it.
    stack = await startCardStack({ timeFactor: 0.5 });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('answers 202, then fails the run with REFUND_REQUIRED after the supplier refunded the order', async () => {
    const { sandbox } = stack;
    sandbox.setFaults({ settlement: 'failed' }, { productId: STEAM_50 });
    const before = sandbox.balance();

    const answer = await stack.hook('shop/order', {
      product_id: STEAM_50,
      buy_num: 2,
      customer_order_no: 'R-4001',
    });
    // The shop was answered as soon as the supplier took the order; the failure comes later.
    expect(answer.status).toBe(202);
    const runId = answer.headers.get('x-junction-run-id')!;
    expect(answer.body).toEqual({
      status: 'accepted',
      run_id: runId,
      customer_order_no: 'R-4001',
      order_id: expect.any(String),
      order_state: expect.stringMatching(/^(untreated|processing)$/),
    });
    const [taken] = sandbox.orders({ customerOrderNo: 'R-4001' });
    expect(taken!.order_state).not.toBe('failed');
    expect(sandbox.balance()).toBeCloseTo(before - taken!.order_price, 4);

    const view = await stack.waitForRun(runId);
    expect(view.run.status).toBe('failed');
    expect(view.run.error).toMatchObject({
      code: 'JX_USER_REFUND_REQUIRED',
      details: {
        data: {
          customer_order_no: 'R-4001',
          order_id: answer.body.order_id,
          order_price: taken!.order_price,
        },
      },
    });
    expect(view.run.error?.message).toContain('Order R-4001 failed at the supplier');
    expect(view.run.error?.message).toContain('refund the customer');

    // The supplier's side: one order, failed, the balance refunded, the callback acknowledged once.
    const orders = sandbox.orders({ customerOrderNo: 'R-4001' });
    expect(orders.map((o) => o.order_state)).toEqual(['failed']);
    expect(orders[0]!.cards).toEqual([]);
    expect(sandbox.balance()).toBeCloseTo(before, 4);
    expect(sandbox.deliveries({ customerOrderNo: 'R-4001' })).toEqual([
      expect.objectContaining({ outcome: 'acknowledged', responseBody: 'success' }),
    ]);

    // The journal: the callback woke the run, the order was read back as failed and routed to
    // failRefund; nothing was decrypted or delivered.
    const status = (id: string) => view.nodes.find((node) => node.nodeId === id)?.status;
    expect(nodesThatEmitted(view, 'callback')).toEqual(['awaitCallback']);
    expect(nodesThatEmitted(view, 'failed')).toEqual(['orderState']);
    expect(status('queryOrder')).toBe('succeeded');
    expect(status('failRefund')).toBe('failed');
    expect(status('pollOrder')).not.toBe('succeeded');
    for (const id of ['decryptCards', 'deliver', 'failUnsettled']) expect(status(id)).not.toBe('succeeded');
    const started = view.journal.filter((e) => e.type === 'node.started').map((e) => e.nodeId);
    expect(started).not.toContain('decryptCards');
    expect(started).not.toContain('deliver');
    const failed = view.journal.filter((e) => e.type === 'node.failed');
    expect(failed.map((e) => [e.nodeId, e.error?.code])).toEqual([['failRefund', 'JX_USER_REFUND_REQUIRED']]);
  });
});
