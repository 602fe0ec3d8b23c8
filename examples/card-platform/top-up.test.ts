import { DEFAULT_MAGIC_ACCOUNTS } from '@junction/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CardStack, startCardStack } from './support/card-stack.ts';

const MOBILE_10 = '10000013';
const ALWAYS_SUCCEEDS = DEFAULT_MAGIC_ACCOUNTS.success[0]!;
const ALWAYS_FAILS = DEFAULT_MAGIC_ACCOUNTS.fail[0]!;

describe('top-up', () => {
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

  it('tops the account up once and confirms it with the operator serial number', async () => {
    const { sandbox } = stack;
    const before = sandbox.balance();
    const answer = await stack.hook('shop/top-up', {
      product_id: MOBILE_10,
      account: ALWAYS_SUCCEEDS,
      customer_order_no: 'T-1',
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ status: 'accepted', customer_order_no: 'T-1' });
    const view = await stack.waitForRun(answer.headers.get('x-junction-run-id')!);
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
    const { sandbox } = stack;
    const before = sandbox.balance();
    const answer = await stack.hook('shop/top-up', {
      product_id: MOBILE_10,
      account: ALWAYS_FAILS,
      customer_order_no: 'T-2',
    });
    expect(answer.status).toBe(202);
    const view = await stack.waitForRun(answer.headers.get('x-junction-run-id')!);
    expect(view.run.status).toBe('failed');
    expect(view.run.error).toMatchObject({ code: 'JX_USER_REFUND_REQUIRED' });
    expect(view.run.error?.message).toContain('Order T-2 failed at the supplier');
    expect(sandbox.orders({ customerOrderNo: 'T-2' }).map((o) => o.order_state)).toEqual(['failed']);
    expect(sandbox.balance()).toBe(before);
  });
});
