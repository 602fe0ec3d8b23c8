import { type SandboxHandle, startSandbox } from '@junction/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toCustomerOrderNo } from './customer-order-no.ts';
import { decryptCardsNode } from './decrypt-cards-v1.ts';
import { createCardOrderNode, createDirectOrderNode, queryOrderNode } from './order-nodes-v1.ts';
import { runNode, sharedKeyValue } from './test-support.ts';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 7, timeFactor: 1 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

type Order = {
  order_id: string;
  customer_order_no: string;
  order_state: string;
  cards: Record<string, string>[];
};
const fast = { confirmWindowMs: 2_000, pollIntervalMs: 25, timeoutMs: 2_000 };

describe('card-platform order nodes against the sandbox', () => {
  it('creates a card order under the idempotency key, queries it and decrypts its cards', async () => {
    const key = 'run-42:buyCard';
    const created = (
      await runNode(
        createCardOrderNode,
        sandbox,
        { productId: '10000001', buyNum: 2, ...fast },
        {
          idempotencyKey: key,
        },
      )
    ).out as Order;
    expect(created.customer_order_no).toBe(toCustomerOrderNo(key));
    expect(created.customer_order_no).toMatch(/^[A-Za-z0-9]{1,32}$/);
    sandbox.settle(created.order_id, 'success');
    const queried = (await runNode(queryOrderNode, sandbox, { customerOrderNo: created.customer_order_no }))
      .out as Order;
    expect(queried.order_state).toBe('success');
    expect(queried.cards).toHaveLength(2);
    const plain = (await runNode(decryptCardsNode, sandbox, { cards: queried.cards })).out as Order['cards'];
    const stored = sandbox.order(created.order_id).cards;
    expect(plain[0]!.card_number).not.toBe(stored[0]!.card_number);
    expect(plain[0]!.card_deadline).toBe(stored[0]!.card_deadline);
    expect(plain[0]!.card_pwd).toMatch(/^[\x20-\x7e]+$/);
  });

  it('creates a direct top-up with a configured order number', async () => {
    const config = {
      productId: '10000013',
      chargeAccount: '13800138000',
      customerOrderNo: 'SHOP-1001',
      ...fast,
    };
    const created = (await runNode(createDirectOrderNode, sandbox, config)).out as Order;
    expect(created).toMatchObject({ customer_order_no: 'SHOP-1001', charge_account: '13800138000' });
  });

  it('never doubles an order when the connection drops after the supplier took it', async () => {
    sandbox.setFaults({ dropAfterAccept: true, orderNotFoundMs: 200 }, { productId: '10000001' });
    const key = 'run-drop:buyCard';
    const result = (
      await runNode(
        createCardOrderNode,
        sandbox,
        { productId: '10000001', ...fast },
        {
          idempotencyKey: key,
        },
      )
    ).out as Order;
    expect(result.customer_order_no).toBe(toCustomerOrderNo(key));
    expect(sandbox.orders({ customerOrderNo: toCustomerOrderNo(key) })).toHaveLength(1);
  });

  it('confirms by query after a timeout instead of ordering again', async () => {
    sandbox.setFaults({ latencyMs: 300 }, { productId: '10000002' });
    const key = 'run-slow:buyCard';
    const config = { productId: '10000002', confirmWindowMs: 2_000, pollIntervalMs: 25, timeoutMs: 100 };
    const result = (await runNode(createCardOrderNode, sandbox, config, { idempotencyKey: key }))
      .out as Order;
    expect(result.customer_order_no).toBe(toCustomerOrderNo(key));
    expect(sandbox.orders({ customerOrderNo: toCustomerOrderNo(key) })).toHaveLength(1);
  });

  it('adopts its own order on a retry (same key) rather than failing as a duplicate', async () => {
    const config = { productId: '10000003', ...fast };
    const kv = sharedKeyValue();
    const first = (await runNode(createCardOrderNode, sandbox, config, { idempotencyKey: 'k1', kv }))
      .out as Order;
    // A re-run after a crash may start again at attempt 1: the marker in the store still says "sent".
    const rerun = (await runNode(createCardOrderNode, sandbox, config, { idempotencyKey: 'k1', kv }))
      .out as Order;
    const retry = (
      await runNode(createCardOrderNode, sandbox, config, { idempotencyKey: 'k1', attempt: 2, kv })
    ).out as Order;
    expect(rerun.order_id).toBe(first.order_id);
    expect(retry.order_id).toBe(first.order_id);
    expect(sandbox.orders({ customerOrderNo: 'k1' })).toHaveLength(1);
  });

  it('refuses a repeated customer order number it never sent, even for the same product', async () => {
    const order = { productId: '10000001', buyNum: 1, customerOrderNo: 'QA-1', ...fast };
    const first = (await runNode(createCardOrderNode, sandbox, order, { idempotencyKey: 'run-a:buy' }))
      .out as Order;
    for (const repeat of [order, { ...order, buyNum: 3 }]) {
      await expect(
        runNode(createCardOrderNode, sandbox, repeat, { idempotencyKey: 'run-b:buy' }),
      ).rejects.toMatchObject({
        code: 'JX_SUPPLIER_DUPLICATE_ORDER',
        details: { customer_order_no: 'QA-1', conflict: 'not-ours', retryable: false },
      });
    }
    expect(sandbox.orders({ customerOrderNo: 'QA-1' }).map((o) => o.order_id)).toEqual([first.order_id]);
  });

  it('re-runs after a crash that hid the order: finds it by query instead of ordering again', async () => {
    sandbox.setFaults({ dropAfterAccept: true, orderNotFoundMs: 60_000 }, { productId: '10000002' });
    const kv = sharedKeyValue();
    const config = { productId: '10000002', ...fast, confirmWindowMs: 50 };
    await expect(
      runNode(createCardOrderNode, sandbox, config, { idempotencyKey: 'k-crash', kv }),
    ).rejects.toMatchObject({ details: { retryable: true } });
    sandbox.setFaults(undefined, { productId: '10000002' });
    const adopted = (await runNode(createCardOrderNode, sandbox, config, { idempotencyKey: 'k-crash', kv }))
      .out as Order;
    expect(sandbox.orders({ customerOrderNo: toCustomerOrderNo('k-crash') }).map((o) => o.order_id)).toEqual([
      adopted.order_id,
    ]);
  });

  it('does not adopt its earlier order when the quantity changed between attempts', async () => {
    const kv = sharedKeyValue();
    const config = { productId: '10000003', buyNum: 1, ...fast };
    await runNode(createCardOrderNode, sandbox, config, { idempotencyKey: 'k-qty', kv });
    await expect(
      runNode(createCardOrderNode, sandbox, { ...config, buyNum: 3 }, { idempotencyKey: 'k-qty', kv }),
    ).rejects.toMatchObject({
      code: 'JX_SUPPLIER_DUPLICATE_ORDER',
      details: { conflict: 'different-order', field: 'buy_num', expected: '3', found: 1, retryable: false },
    });
    expect(sandbox.orders({ customerOrderNo: toCustomerOrderNo('k-qty') })).toHaveLength(1);
  });

  it('does not adopt its earlier top-up when the account changed between attempts', async () => {
    const kv = sharedKeyValue();
    const config = { productId: '10000013', chargeAccount: '13800138000', ...fast };
    await runNode(createDirectOrderNode, sandbox, config, { idempotencyKey: 'k-acct', kv });
    await expect(
      runNode(
        createDirectOrderNode,
        sandbox,
        { ...config, chargeAccount: '13900139000' },
        { idempotencyKey: 'k-acct', kv, attempt: 2 },
      ),
    ).rejects.toMatchObject({
      code: 'JX_SUPPLIER_DUPLICATE_ORDER',
      details: { conflict: 'different-order', field: 'charge_account', expected: '13900139000' },
    });
    expect(sandbox.orders({ customerOrderNo: toCustomerOrderNo('k-acct') })).toHaveLength(1);
  });

  it('refuses an order number that belongs to another product', async () => {
    await runNode(createCardOrderNode, sandbox, { productId: '10000003', customerOrderNo: 'X1', ...fast });
    await expect(
      runNode(createCardOrderNode, sandbox, { productId: '10000004', customerOrderNo: 'X1', ...fast }),
    ).rejects.toMatchObject({ code: 'JX_SUPPLIER_DUPLICATE_ORDER', details: { retryable: false } });
  });

  it('leaves a retryable error when a 5xx came before the supplier took the order', async () => {
    sandbox.setFaults({ http5xx: { status: 503 } }, { productId: '10000005' });
    const config = { productId: '10000005', ...fast, confirmWindowMs: 100 };
    await expect(
      runNode(createCardOrderNode, sandbox, config, { idempotencyKey: 'k5' }),
    ).rejects.toMatchObject({
      code: 'JX_SUPPLIER_HTTP',
      details: { retryable: true, customer_order_no: 'k5' },
    });
    expect(sandbox.orders({ customerOrderNo: 'k5' })).toHaveLength(0);
  });

  it('maps business refusals: off shelf, out of stock, insufficient balance', async () => {
    await expect(
      runNode(createCardOrderNode, sandbox, { productId: '10000006', ...fast }),
    ).rejects.toMatchObject({
      code: 'JX_SUPPLIER_OFF_SHELF',
    });
    await expect(
      runNode(createCardOrderNode, sandbox, { productId: '10000007', customerOrderNo: 'o2', ...fast }),
    ).rejects.toMatchObject({ code: 'JX_SUPPLIER_OUT_OF_STOCK' });
    sandbox.topUp(sandbox.appKey, -sandbox.balance());
    await expect(
      runNode(createCardOrderNode, sandbox, { productId: '10000001', customerOrderNo: 'o3', ...fast }),
    ).rejects.toMatchObject({ code: 'JX_SUPPLIER_INSUFFICIENT_BALANCE', details: { supplierCode: 3001 } });
  });

  it('reports a missing order and names bad input', async () => {
    await expect(runNode(queryOrderNode, sandbox, { customerOrderNo: 'nope' })).rejects.toMatchObject({
      code: 'JX_SUPPLIER_ORDER_NOT_FOUND',
    });
    await expect(runNode(queryOrderNode, sandbox, {})).rejects.toMatchObject({ code: 'JX_INPUT_INVALID' });
    await expect(runNode(decryptCardsNode, sandbox, { cards: 'x' })).rejects.toMatchObject({
      code: 'JX_INPUT_INVALID',
      message: 'cards must be an array, got string.',
    });
  });
});
