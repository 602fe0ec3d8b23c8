import { decryptCard } from '@junction/sandbox';
import { describe, expect, it } from 'vitest';
import { type CardStack, useCardStack } from './support/card-stack.ts';

const STEAM_50 = '10000001';

describe('order-card: callbacks on time, early and twice', () => {
  const stack = useCardStack({ resetEach: true });

  it('answers accepted, waits for the callback, then decrypts and delivers the cards', async () => {
    const { sandbox } = stack();
    const before = sandbox.balance();
    const answer = await stack().hook('shop/order', {
      product_id: STEAM_50,
      buy_num: 2,
      customer_order_no: 'A-1001',
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ status: 'accepted', customer_order_no: 'A-1001' });
    const runId = answer.headers.get('x-junction-run-id')!;
    expect(answer.body.run_id).toBe(runId);

    const view = await stack().waitForRun(runId);
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

    const { callbacks } = await stack().api.request<{
      callbacks: { key: string; outcome: string; runId?: string }[];
    }>('GET', '/api/callbacks?channel=card-platform');
    expect(callbacks.filter((c) => c.key === 'A-1001')).toEqual([
      expect.objectContaining({ outcome: 'matched', runId }),
    ]);
  });

  it('keeps a callback that arrives before the create call answered, and uses it when the run gets there', async () => {
    const { sandbox } = stack();
    sandbox.setFaults({ callbackBeforeResponse: true });
    const answer = await stack().hook('shop/order', { product_id: STEAM_50, customer_order_no: 'A-1002' });
    expect(answer.status).toBe(202);
    const view = await stack().waitForRun(answer.headers.get('x-junction-run-id')!);
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toMatchObject({ status: 'delivered', customer_order_no: 'A-1002' });

    // The supplier saw its callback acknowledged before it even answered the create call.
    const [delivery, ...more] = sandbox.deliveries({ customerOrderNo: 'A-1002' });
    expect(more).toHaveLength(0);
    expect(delivery).toMatchObject({ outcome: 'acknowledged', responseBody: 'success' });
    expect(answer.body.order_state).not.toBe('success');
    expect(sandbox.orders({ customerOrderNo: 'A-1002' })).toHaveLength(1);
    const outcomes = await callbackOutcomes(stack(), 'A-1002');
    expect(outcomes).toEqual(['early']);
  });

  it('acknowledges a duplicate callback without resuming anything twice', async () => {
    const { sandbox } = stack();
    sandbox.setFaults({ callbackDuplicate: true });
    const before = sandbox.balance();
    const answer = await stack().hook('shop/order', { product_id: STEAM_50, customer_order_no: 'A-1003' });
    const runId = answer.headers.get('x-junction-run-id')!;
    const view = await stack().waitForRun(runId);
    expect(view.run.status).toBe('succeeded');

    const deliveries = await sandbox.waitForDeliveries(2, { filter: { customerOrderNo: 'A-1003' } });
    expect(deliveries.map((d) => [d.kind, d.outcome])).toEqual([
      ['first', 'acknowledged'],
      ['duplicate', 'acknowledged'],
    ]);
    expect(sandbox.orders({ customerOrderNo: 'A-1003' })).toHaveLength(1);
    expect(sandbox.balance()).toBeCloseTo(
      before - sandbox.orders({ customerOrderNo: 'A-1003' })[0]!.order_price,
      4,
    );
    expect((await callbackOutcomes(stack(), 'A-1003')).sort()).toEqual(['duplicate', 'matched']);
    // The settled part of the flow ran once.
    expect(view.journal.filter((e) => e.nodeId === 'deliver' && e.type === 'node.completed')).toHaveLength(1);
    const runs = await stack().api.request<{ runs: { id: string }[] }>(
      'GET',
      '/api/runs?flowId=order-card&limit=500',
    );
    expect(runs.runs.filter((run) => run.id === runId)).toHaveLength(1);
  });
});

async function callbackOutcomes(stack: CardStack, key: string): Promise<string[]> {
  const { callbacks } = await stack.api.request<{ callbacks: { key: string; outcome: string }[] }>(
    'GET',
    '/api/callbacks?channel=card-platform',
  );
  return callbacks.filter((c) => c.key === key).map((c) => c.outcome);
}
