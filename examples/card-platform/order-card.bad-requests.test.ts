import { callGateway } from '@junction/sandbox';
import { describe, expect, it } from 'vitest';
import { type HttpAnswer, type RunView, useCardStack } from './support/card-stack.ts';

const STEAM_50 = '10000001';

describe('order-card: client mistakes get a documented 4xx answer and a JX_USER_ code', () => {
  const stack = useCardStack({ resetEach: true });

  async function runOf(answer: HttpAnswer): Promise<RunView> {
    return stack().waitForRun(answer.headers.get('x-junction-run-id')!);
  }

  function node(view: RunView, id: string) {
    return view.nodes.find((entry) => entry.nodeId === id);
  }

  /** A refused request never reaches the supplier's order methods and costs nothing. */
  function expectNothingOrdered(balanceBefore: number): void {
    expect(stack().sandbox.orders()).toHaveLength(0);
    expect(stack().sandbox.balance()).toBe(balanceBefore);
  }

  it.each([
    ['an empty object', {}, 'product_id'],
    ['a JSON null', null, 'body'],
    ['a JSON array', [{ product_id: STEAM_50 }], 'body'],
    ['a negative quantity', { product_id: STEAM_50, buy_num: -5 }, 'buy_num'],
    ['a fractional quantity', { product_id: STEAM_50, buy_num: 1.5 }, 'buy_num'],
    ['a product id that is not an id', { product_id: { id: STEAM_50 } }, 'product_id'],
    ['an order number with spaces', { product_id: STEAM_50, customer_order_no: 'A 1' }, 'customer_order_no'],
  ])('answers 400 naming the field for %s', async (_case, body, field) => {
    const before = stack().sandbox.balance();
    const answer = await stack().hook('shop/order', body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      status: 'rejected',
      reason: 'BAD_REQUEST',
      code: 'JX_USER_BAD_REQUEST',
      field,
    });
    expect(answer.body.message).toContain(field);
    const view = await runOf(answer);
    expect(view.run.status).toBe('failed');
    expect(view.run.error).toMatchObject({ code: 'JX_USER_BAD_REQUEST', details: { data: { field } } });
    expect(node(view, 'checkStock')?.status).toBe('skipped');
    expectNothingOrdered(before);
  });

  it('answers 400 to a text/plain body, asking for JSON', async () => {
    const answer = await stack().hookRaw(
      'shop/order',
      'product_id=10000001&buy_num=1',
      'text/plain; charset=utf-8',
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'JX_USER_BAD_REQUEST', field: 'body' });
    expect(answer.body.message).toContain('application/json');
    expect((await runOf(answer)).run.error).toMatchObject({ code: 'JX_USER_BAD_REQUEST' });
  });

  it('answers 409 UNKNOWN_PRODUCT for a product the supplier does not have, asking it once', async () => {
    const before = stack().sandbox.balance();
    const answer = await stack().hook('shop/order', { product_id: '99999999', customer_order_no: 'B-1' });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({
      status: 'rejected',
      reason: 'UNKNOWN_PRODUCT',
      code: 'JX_USER_UNKNOWN_PRODUCT',
      product_id: '99999999',
    });
    const view = await runOf(answer);
    expect(view.run.error).toMatchObject({
      code: 'JX_USER_UNKNOWN_PRODUCT',
      details: { data: { product_id: '99999999' } },
    });
    expect(view.run.error?.message).toContain('check the product id');
    // Not found is an answer, not a hiccup: the node's retry policy must not ask three times.
    expect(node(view, 'checkStock')?.attempts).toBe(1);
    expectNothingOrdered(before);
  });

  it('answers 409 DUPLICATE_ORDER for an order number another order already uses, and adopts nothing', async () => {
    const { sandbox } = stack();
    const placed = await callGateway<{ order_id: string }>(sandbox.gatewayUrl, sandbox, 'order.card.add', {
      product_id: STEAM_50,
      customer_order_no: 'QA-1',
    });
    const before = sandbox.balance();
    const answer = await stack().hook('shop/order', {
      product_id: STEAM_50,
      buy_num: 3,
      customer_order_no: 'QA-1',
    });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({
      status: 'rejected',
      reason: 'DUPLICATE_ORDER',
      code: 'JX_USER_DUPLICATE_ORDER',
      customer_order_no: 'QA-1',
    });
    const view = await runOf(answer);
    expect(view.run.error).toMatchObject({
      code: 'JX_USER_DUPLICATE_ORDER',
      details: { data: { customer_order_no: 'QA-1', conflict: 'not-ours' } },
    });
    expect(node(view, 'createOrder')?.attempts).toBe(1);
    expect(node(view, 'awaitCallback')?.status).toBe('skipped');
    expect(sandbox.orders({ customerOrderNo: 'QA-1' }).map((o) => o.order_id)).toEqual([
      placed.result!.order_id,
    ]);
    expect(sandbox.balance()).toBe(before);
  });
});
