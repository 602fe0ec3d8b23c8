import { DEFAULT_MAGIC_ACCOUNTS } from '@junction/sandbox';
import { describe, expect, it } from 'vitest';
import { useCardStack } from './support/card-stack.ts';

const MOBILE_10 = '10000013';
const ALWAYS_SUCCEEDS = DEFAULT_MAGIC_ACCOUNTS.success[0]!;
const ALWAYS_FAILS = DEFAULT_MAGIC_ACCOUNTS.fail[0]!;

describe('top-up', () => {
  const stack = useCardStack({ resetEach: true });

  it('tops the account up once and confirms it with the operator serial number', async () => {
    const { sandbox } = stack();
    const before = sandbox.balance();
    const answer = await stack().hook('shop/top-up', {
      product_id: MOBILE_10,
      account: ALWAYS_SUCCEEDS,
      customer_order_no: 'T-1',
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ status: 'accepted', customer_order_no: 'T-1' });
    const view = await stack().waitForRun(answer.headers.get('x-junction-run-id')!);
    expect(view.run.status).toBe('succeeded');
    const [order, ...others] = sandbox.orders({ customerOrderNo: 'T-1' });
    expect(others).toHaveLength(0);
    expect(order).toMatchObject({
      order_type: 'direct',
      charge_account: ALWAYS_SUCCEEDS,
      order_state: 'success',
    });
    expect(view.run.output).toEqual({
      status: 'topped-up',
      customer_order_no: 'T-1',
      order_id: order!.order_id,
      product_id: MOBILE_10,
      product_name: order!.product_name,
      account: ALWAYS_SUCCEEDS,
      order_price: order!.order_price,
      operator_serial_number: order!.operator_serial_number,
      finish_time: order!.finish_time,
    });
    expect(sandbox.balance()).toBeCloseTo(before - order!.order_price, 4);
    expect(sandbox.deliveries({ customerOrderNo: 'T-1' }).map((d) => d.outcome)).toEqual(['acknowledged']);
  });

  it('fails with REFUND_REQUIRED when the supplier reports the top-up failed, and the supplier refunded us', async () => {
    const { sandbox } = stack();
    const before = sandbox.balance();
    const answer = await stack().hook('shop/top-up', {
      product_id: MOBILE_10,
      account: ALWAYS_FAILS,
      customer_order_no: 'T-2',
    });
    expect(answer.status).toBe(202);
    const view = await stack().waitForRun(answer.headers.get('x-junction-run-id')!);
    expect(view.run.status).toBe('failed');
    expect(view.run.error).toMatchObject({ code: 'JX_USER_REFUND_REQUIRED' });
    expect(view.run.error?.message).toContain('Order T-2 failed at the supplier');
    expect(sandbox.orders({ customerOrderNo: 'T-2' }).map((o) => o.order_state)).toEqual(['failed']);
    expect(sandbox.balance()).toBe(before);
  });

  it.each([
    ['an empty object', {}, 'product_id'],
    ['a missing account', { product_id: MOBILE_10, customer_order_no: 'T-3' }, 'account'],
    ['an account with spaces', { product_id: MOBILE_10, account: '188 0000 0000' }, 'account'],
    ['a JSON string', 'top me up', 'body'],
  ])('answers 400 naming the field for %s, and orders nothing', async (_case, body, field) => {
    const { sandbox } = stack();
    const before = sandbox.balance();
    const answer = await stack().hook('shop/top-up', body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ reason: 'BAD_REQUEST', code: 'JX_USER_BAD_REQUEST', field });
    const view = await stack().waitForRun(answer.headers.get('x-junction-run-id')!);
    expect(view.run.error).toMatchObject({ code: 'JX_USER_BAD_REQUEST', details: { data: { field } } });
    expect(sandbox.orders()).toHaveLength(0);
    expect(sandbox.balance()).toBe(before);
  });

  it('answers 409 UNKNOWN_PRODUCT for a product the supplier does not have, asking it once', async () => {
    const answer = await stack().hook('shop/top-up', { product_id: '99999999', account: ALWAYS_SUCCEEDS });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ reason: 'UNKNOWN_PRODUCT', code: 'JX_USER_UNKNOWN_PRODUCT' });
    const view = await stack().waitForRun(answer.headers.get('x-junction-run-id')!);
    expect(view.run.error).toMatchObject({ code: 'JX_USER_UNKNOWN_PRODUCT' });
    expect(view.nodes.find((node) => node.nodeId === 'checkStock')?.attempts).toBe(1);
  });

  it('answers 502 with a user code when the supplier refuses a card product as a top-up', async () => {
    const answer = await stack().hook('shop/top-up', { product_id: '10000001', account: ALWAYS_SUCCEEDS });
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({
      status: 'rejected',
      reason: 'JX_SUPPLIER_INVALID_REQUEST',
      code: 'JX_USER_SUPPLIER_REJECTED',
    });
    const view = await stack().waitForRun(answer.headers.get('x-junction-run-id')!);
    expect(view.run.error).toMatchObject({ code: 'JX_USER_SUPPLIER_REJECTED' });
    // A refusal that retrying cannot fix is not retried.
    expect(view.nodes.find((node) => node.nodeId === 'createOrder')?.attempts).toBe(1);
    expect(stack().sandbox.orders()).toHaveLength(0);
  });
});
