import { describe, expect, it } from 'vitest';
import { useCardStack } from './support/card-stack.ts';

const STEAM_50 = '10000001';

describe('order-card: the shop retries its checkout', () => {
  const stack = useCardStack();

  it('answers two concurrent identical checkouts with one run and one supplier order', async () => {
    const { sandbox } = stack();
    const before = sandbox.balance();
    const order = { product_id: STEAM_50, buy_num: 1, customer_order_no: 'R-2001' };
    const [first, second] = await Promise.all([
      stack().hook('shop/order', order),
      stack().hook('shop/order', order),
    ]);
    expect([first.status, second.status]).toEqual([202, 202]);
    const runId = first.headers.get('x-junction-run-id')!;
    expect(second.headers.get('x-junction-run-id')).toBe(runId);
    expect(second.body).toEqual(first.body);

    const view = await stack().waitForRun(runId);
    expect(view.run.status).toBe('succeeded');
    const orders = sandbox.orders({ customerOrderNo: 'R-2001' });
    expect(orders).toHaveLength(1);
    expect(sandbox.balance()).toBeCloseTo(before - orders[0]!.order_price, 4);
  });

  it('replays the first answer to a retry after the order settled, buying nothing', async () => {
    const { sandbox } = stack();
    const order = { product_id: STEAM_50, customer_order_no: 'R-2002' };
    const first = await stack().hook('shop/order', order);
    const runId = first.headers.get('x-junction-run-id')!;
    await stack().waitForRun(runId);
    const balance = sandbox.balance();

    const retry = await stack().hook('shop/order', order);
    expect(retry.status).toBe(first.status);
    expect(retry.headers.get('x-junction-replayed')).toBe('true');
    expect(retry.headers.get('x-junction-run-id')).toBe(runId);
    expect(retry.body).toEqual(first.body);
    expect(sandbox.orders({ customerOrderNo: 'R-2002' })).toHaveLength(1);
    expect(sandbox.balance()).toBe(balance);
    const { runs } = await stack().api.request<{ runs: { id: string }[] }>(
      'GET',
      '/api/runs?flowId=order-card',
    );
    expect(runs.filter((run) => run.id === runId)).toHaveLength(1);
  });
});
