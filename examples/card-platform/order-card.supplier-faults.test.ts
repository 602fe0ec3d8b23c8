import { describe, expect, it } from 'vitest';
import { upsertSandboxCredential } from '../src/index.ts';
import { useCardStack } from './support/card-stack.ts';
import { type GatewayProxy, type GatewayProxyHooks, startGatewayProxy } from './support/gateway-proxy.ts';

const STEAM_50 = '10000001';
const PLAYSTATION_200 = '10000007'; // seeded out of stock
const GOOGLE_PLAY_50 = '10000006'; // seeded off shelf

describe('order-card: supplier failures never double an order', () => {
  const stack = useCardStack({ resetEach: true });

  /** Routes the `sandbox` credential through a proxy for one test. */
  async function withProxy(hooks: GatewayProxyHooks, body: (proxy: GatewayProxy) => Promise<void>) {
    const { sandbox } = stack();
    const proxy = await startGatewayProxy(sandbox.gatewayUrl, hooks);
    await upsertSandboxCredential(stack().api, { ...sandbox, gatewayUrl: proxy.gatewayUrl });
    try {
      await body(proxy);
    } finally {
      await upsertSandboxCredential(stack().api, sandbox);
      await proxy.close();
    }
  }

  it('retries after the supplier answered 503 to the create call, and orders once', async () => {
    const { sandbox } = stack();
    const before = sandbox.balance();
    // The sandbox's own http5xx fault, switched on for the first create call only.
    const isFirstCreate = (call: { method: string; index: number }) =>
      call.method === 'order.card.add' && call.index === 1;
    await withProxy(
      {
        beforeForward: (call) => {
          if (isFirstCreate(call)) sandbox.setFaults({ http5xx: { status: 503 } }, { productId: STEAM_50 });
        },
        afterForward: (call) => {
          if (isFirstCreate(call)) sandbox.setFaults(undefined, { productId: STEAM_50 });
          return undefined;
        },
      },
      async (proxy) => {
        const answer = await stack().hook('shop/order', {
          product_id: STEAM_50,
          customer_order_no: 'C-3001',
        });
        expect(answer.status).toBe(202);
        const view = await stack().waitForRun(answer.headers.get('x-junction-run-id')!);
        expect(view.run.status).toBe('succeeded');
        expect(proxy.calls.filter((c) => c.method === 'order.card.add')).toHaveLength(2);
        const create = view.nodes.find((node) => node.nodeId === 'createOrder');
        expect(create).toMatchObject({ status: 'succeeded', attempts: 2 });
      },
    );
    const orders = sandbox.orders({ customerOrderNo: 'C-3001' });
    expect(orders).toHaveLength(1);
    expect(sandbox.balance()).toBeCloseTo(before - orders[0]!.order_price, 4);
  });

  it('adopts the order when a 502 came back although the supplier had taken it', async () => {
    const { sandbox } = stack();
    const before = sandbox.balance();
    await withProxy(
      { afterForward: (call) => (call.method === 'order.card.add' && call.index === 1 ? 502 : undefined) },
      async (proxy) => {
        const answer = await stack().hook('shop/order', {
          product_id: STEAM_50,
          customer_order_no: 'C-3002',
        });
        expect(answer.status).toBe(202);
        const view = await stack().waitForRun(answer.headers.get('x-junction-run-id')!);
        expect(view.run.status).toBe('succeeded');
        expect(view.run.output).toMatchObject({ status: 'delivered', customer_order_no: 'C-3002' });
        // Found by a query instead of sent again.
        expect(proxy.calls.filter((c) => c.method === 'order.card.add')).toHaveLength(1);
      },
    );
    const orders = sandbox.orders({ customerOrderNo: 'C-3002' });
    expect(orders).toHaveLength(1);
    expect(sandbox.balance()).toBeCloseTo(before - orders[0]!.order_price, 4);
  });

  it('adopts the order when the connection dropped after the supplier took it', async () => {
    const { sandbox } = stack();
    const before = sandbox.balance();
    sandbox.setFaults({ dropAfterAccept: true }, { productId: STEAM_50 });
    const answer = await stack().hook('shop/order', {
      product_id: STEAM_50,
      buy_num: 3,
      customer_order_no: 'C-3003',
    });
    expect(answer.status).toBe(202);
    const view = await stack().waitForRun(answer.headers.get('x-junction-run-id')!);
    expect(view.run.status).toBe('succeeded');
    expect((view.run.output as { cards: unknown[] }).cards).toHaveLength(3);
    const orders = sandbox.orders({ customerOrderNo: 'C-3003' });
    expect(orders).toHaveLength(1);
    expect(sandbox.balance()).toBeCloseTo(before - orders[0]!.order_price, 4);
  });

  it('fails clearly on insufficient balance and leaves the balance as it was', async () => {
    const { sandbox } = stack();
    const balance = sandbox.topUp(sandbox.appKey, 1 - sandbox.balance());
    const answer = await stack().hook('shop/order', { product_id: STEAM_50, customer_order_no: 'C-3004' });
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ status: 'rejected', reason: 'JX_SUPPLIER_INSUFFICIENT_BALANCE' });
    const view = await stack().waitForRun(answer.headers.get('x-junction-run-id')!);
    expect(view.run.status).toBe('failed');
    expect(view.run.error).toMatchObject({ code: 'JX_USER_SUPPLIER_REJECTED' });
    expect(view.run.error?.message).toContain('JX_SUPPLIER_INSUFFICIENT_BALANCE');
    // Refused before charging: one try, nothing ordered, nothing charged.
    expect(view.nodes.find((node) => node.nodeId === 'createOrder')?.attempts).toBe(1);
    expect(sandbox.orders({ customerOrderNo: 'C-3004' })).toHaveLength(0);
    expect(sandbox.balance()).toBe(balance);
  });

  it('answers 502 with a user code when the stock check keeps failing, after its retries', async () => {
    const { sandbox } = stack();
    const before = sandbox.balance();
    sandbox.setFaults({ http5xx: { status: 503 } }, { productId: STEAM_50 });
    const answer = await stack().hook('shop/order', { product_id: STEAM_50, customer_order_no: 'C-3007' });
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({
      status: 'rejected',
      reason: 'JX_SUPPLIER_HTTP',
      code: 'JX_USER_SUPPLIER_REJECTED',
    });
    const view = await stack().waitForRun(answer.headers.get('x-junction-run-id')!);
    expect(view.run.error).toMatchObject({ code: 'JX_USER_SUPPLIER_REJECTED' });
    // A 503 may pass: the stock check is retried per its policy before the shop gets an answer.
    expect(view.nodes.find((node) => node.nodeId === 'checkStock')?.attempts).toBe(3);
    expect(view.nodes.find((node) => node.nodeId === 'createOrder')?.status).toBe('skipped');
    expect(sandbox.orders()).toHaveLength(0);
    expect(sandbox.balance()).toBe(before);
  });

  it.each([
    ['out of stock', PLAYSTATION_200, 'C-3005'],
    ['off shelf', GOOGLE_PLAY_50, 'C-3006'],
  ])('answers 409 and orders nothing when the product is %s', async (_case, productId, orderNo) => {
    const { sandbox } = stack();
    const before = sandbox.balance();
    const answer = await stack().hook('shop/order', { product_id: productId, customer_order_no: orderNo });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ status: 'rejected', reason: 'OUT_OF_STOCK', product_id: productId });
    const view = await stack().waitForRun(answer.headers.get('x-junction-run-id')!);
    expect(view.run.status).toBe('failed');
    expect(view.run.error).toMatchObject({ code: 'JX_USER_OUT_OF_STOCK' });
    expect(view.run.error?.message).toContain(`Product ${productId} cannot be sold now`);
    expect(view.nodes.find((node) => node.nodeId === 'createOrder')?.status).toBe('skipped');
    expect(sandbox.orders()).toHaveLength(0);
    expect(sandbox.balance()).toBe(before);
  });
});
