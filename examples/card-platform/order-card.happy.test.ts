import { decryptCard } from '@junction/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CardStack, startCardStack } from './support/card-stack.ts';

const STEAM_50 = '10000001';

describe('order-card: callbacks on time, early and twice', () => {
  let stack: CardStack;
  beforeAll(async () => {
    stack = await startCardStack();
  });
  afterAll(async () => {
    await stack?.close();
  });
  beforeEach(() => {
    stack.sandbox.reset();
  });

  it('answers accepted, waits for the callback, then decrypts and delivers the cards', async () => {
    const { sandbox } = stack;
    const before = sandbox.balance();
    const answer = await stack.hook('shop/order', {
      product_id: STEAM_50,
      buy_num: 2,
      customer_order_no: 'A-1001',
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ status: 'accepted', customer_order_no: 'A-1001' });
    const runId = answer.headers.get('x-junction-run-id')!;
    expect(answer.body.run_id).toBe(runId);

    const view = await stack.waitForRun(runId);
    expect(view.run.status).toBe('succeeded');
    const output = view.run.output as {
      status: string;
      order_id: string;
      cards: { card_number: string; card_pwd: string }[];
    };
    expect(output).toMatchObject({
      status: 'delivered',
      customer_order_no: 'A-1001',
      order_id: answer.body.order_id,
    });

    // The supplier's own records: one order, settled, charged once, callback acknowledged with "success".
    const orders = sandbox.orders({ customerOrderNo: 'A-1001' });
    expect(orders).toHaveLength(1);
    const order = orders[0]!;
    expect(order.order_state).toBe('success');
    expect(sandbox.balance()).toBeCloseTo(before - order.order_price, 4);
    const plain = order.cards.map((card) => ({
      card_number: decryptCard(card.card_number, sandbox.appSecret),
      card_pwd: decryptCard(card.card_pwd, sandbox.appSecret),
    }));
    expect(output.cards.map(({ card_number, card_pwd }) => ({ card_number, card_pwd }))).toEqual(plain);
    const deliveries = sandbox.deliveries({ customerOrderNo: 'A-1001' });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      outcome: 'acknowledged',
      responseBody: 'success',
      httpStatus: 200,
    });

    const { callbacks } = await stack.api.request<{
      callbacks: { key: string; outcome: string; runId?: string }[];
    }>('GET', '/api/callbacks?channel=card-platform');
    expect(callbacks.filter((c) => c.key === 'A-1001')).toEqual([
      expect.objectContaining({ outcome: 'matched', runId }),
    ]);
  });
});
