import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  callGateway,
  DEFAULT_MAGIC_ACCOUNTS,
  decryptCard,
  GATEWAY_ERRORS,
  type OrderView,
  type SandboxHandle,
  startSandbox,
} from '../index.ts';
import { eventually } from '../testing/gateway-test-kit.ts';

const POOR = { appKey: 'poor-app', appSecret: '11111111111111111111111111111111', balance: 1 };
let sandbox: SandboxHandle;
const creds = () => ({ appKey: sandbox.appKey, appSecret: sandbox.appSecret });
const call = <T = OrderView>(method: string, biz: Record<string, unknown>, who = creds()) =>
  callGateway<T>(sandbox.gatewayUrl, who, method, biz);
const priceOf = (id: string) => sandbox.products().find((p) => p.product_id === id)!.purchase_price;
const stockOf = (id: string) => sandbox.products().find((p) => p.product_id === id)!.stock;

beforeAll(async () => {
  // Simulated: processing after 10 s, settled after 100 s → 10 ms and 100 ms real.
  sandbox = await startSandbox({
    seed: 5,
    timeFactor: 0.001,
    config: { merchants: [POOR], processingDelayMs: 10_000, settleDelayMs: 100_000 },
  });
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

describe('card orders', () => {
  it('debits on acceptance, moves untreated → processing → success, and delivers encrypted cards', async () => {
    const before = sandbox.balance();
    const stock = stockOf('10000001');
    const created = await call('order.card.add', {
      product_id: '10000001',
      buy_num: 2,
      customer_order_no: 'c-1',
    });
    expect(created.code).toBe(0);
    expect(created.result).toMatchObject({
      order_state: 'untreated',
      buy_num: 2,
      cards: [],
      finish_time: '',
    });
    expect(sandbox.balance()).toBeCloseTo(before - 2 * priceOf('10000001'), 4);
    expect(stockOf('10000001')).toBe(stock - 2);

    await eventually(() => sandbox.order(created.result!.order_id).order_state === 'processing');
    const processing = await call('order.info.get', { customer_order_no: 'c-1' });
    expect(processing.result).toMatchObject({ order_state: 'processing', cards: [] });

    await eventually(() => sandbox.order(created.result!.order_id).order_state === 'success');
    const done = await call('order.info.get', { customer_order_no: 'c-1' });
    expect(done.result?.order_state).toBe('success');
    expect(done.result?.finish_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(done.result?.cards).toHaveLength(2);
    for (const card of done.result!.cards) {
      expect(decryptCard(card.card_number, sandbox.appSecret)).toMatch(/^CD10000001\d{17}$/);
      expect(decryptCard(card.card_pwd, sandbox.appSecret)).toMatch(/^\d{16}$/);
    }
    expect(sandbox.balance()).toBeCloseTo(before - 2 * priceOf('10000001'), 4);
  });

  it('finds an order by order_id too', async () => {
    const created = await call('order.card.add', { product_id: '10000003', customer_order_no: 'c-2' });
    const found = await call('order.info.get', { order_id: created.result!.order_id });
    expect(found.result?.customer_order_no).toBe('c-2');
  });

  it('refuses a repeated customer_order_no (3002) and never charges twice', async () => {
    const before = sandbox.balance();
    const first = await call('order.card.add', { product_id: '10000001', customer_order_no: 'dup' });
    expect(first.code).toBe(0);
    const again = await call('order.card.add', { product_id: '10000001', customer_order_no: 'dup' });
    expect(again.code).toBe(GATEWAY_ERRORS.duplicateOrder.code);
    expect(again.message).toContain(first.result!.order_id);
    const otherMethod = await call('order.direct.add', {
      product_id: '10000013',
      customer_order_no: 'dup',
      charge_account: '13900000000',
    });
    expect(otherMethod.code).toBe(GATEWAY_ERRORS.duplicateOrder.code);
    expect(sandbox.balance()).toBeCloseTo(before - priceOf('10000001'), 4);
    expect(sandbox.orders({ customerOrderNo: 'dup' })).toHaveLength(1);
  });

  it('keeps customer_order_no unique per merchant only', async () => {
    await sandbox.topUp(POOR.appKey, 1000);
    const mine = await call('order.card.add', { product_id: '10000003', customer_order_no: 'shared' });
    const theirs = await call(
      'order.card.add',
      { product_id: '10000003', customer_order_no: 'shared' },
      POOR,
    );
    expect([mine.code, theirs.code]).toEqual([0, 0]);
  });

  it('refuses wrong type (2004), off shelf (2002), out of stock (2003)', async () => {
    expect((await call('order.card.add', { product_id: '10000013', customer_order_no: 'x1' })).code).toBe(
      GATEWAY_ERRORS.wrongProductType.code,
    );
    expect((await call('order.card.add', { product_id: '10000006', customer_order_no: 'x2' })).code).toBe(
      GATEWAY_ERRORS.productOffShelf.code,
    );
    expect((await call('order.card.add', { product_id: '10000007', customer_order_no: 'x3' })).code).toBe(
      GATEWAY_ERRORS.outOfStock.code,
    );
    const tooMany = stockOf('10000001') + 1;
    expect(
      (await call('order.card.add', { product_id: '10000001', buy_num: tooMany, customer_order_no: 'x4' }))
        .code,
    ).toBe(GATEWAY_ERRORS.outOfStock.code);
    expect((await call('order.card.add', { product_id: '999', customer_order_no: 'x5' })).code).toBe(
      GATEWAY_ERRORS.productNotFound.code,
    );
    expect(
      (await call('order.card.add', { product_id: '10000001', buy_num: 0, customer_order_no: 'x6' })).code,
    ).toBe(GATEWAY_ERRORS.invalidParameter.code);
    expect(sandbox.orders()).toHaveLength(0);
  });

  it('refuses an order the balance cannot pay (3001) and charges nothing', async () => {
    const result = await call('order.card.add', { product_id: '10000001', customer_order_no: 'p-1' }, POOR);
    expect(result.code).toBe(GATEWAY_ERRORS.insufficientBalance.code);
    expect(sandbox.balance(POOR.appKey)).toBe(1);
    // A refused order number stays free to use once the balance allows it.
    sandbox.topUp(POOR.appKey, 100);
    expect(
      (await call('order.card.add', { product_id: '10000001', customer_order_no: 'p-1' }, POOR)).code,
    ).toBe(0);
  });
});

describe('direct orders and settlement', () => {
  it('needs a charge_account (1001)', async () => {
    const result = await call('order.direct.add', { product_id: '10000013', customer_order_no: 'd-0' });
    expect(result.code).toBe(GATEWAY_ERRORS.missingParameter.code);
    expect(result.message).toContain('charge_account');
  });

  it('refunds the balance and returns stock when an order fails (magic fail account)', async () => {
    const before = sandbox.balance();
    const stock = stockOf('10000014');
    const created = await call('order.direct.add', {
      product_id: '10000014',
      customer_order_no: 'd-fail',
      charge_account: DEFAULT_MAGIC_ACCOUNTS.fail[0],
    });
    expect(created.code).toBe(0);
    expect(sandbox.balance()).toBeCloseTo(before - priceOf('10000014'), 4);
    await eventually(() => sandbox.order(created.result!.order_id).order_state === 'failed');
    expect(sandbox.balance()).toBeCloseTo(before, 4);
    expect(stockOf('10000014')).toBe(stock);
    const info = await call('order.info.get', { customer_order_no: 'd-fail' });
    expect(info.result).toMatchObject({ order_state: 'failed', recharge_description: '充值失败', cards: [] });
  });

  it('lets the magic success account win over a settlement fault', async () => {
    sandbox.setFaults({ settlement: 'failed' });
    const ok = await call('order.direct.add', {
      product_id: '10000014',
      customer_order_no: 'd-ok',
      charge_account: DEFAULT_MAGIC_ACCOUNTS.success[0],
    });
    const bad = await call('order.direct.add', {
      product_id: '10000014',
      customer_order_no: 'd-bad',
      charge_account: '13900000000',
    });
    await eventually(() => sandbox.orders().every((order) => order.finish_time !== ''));
    expect(sandbox.order(ok.result!.order_id).order_state).toBe('success');
    expect(sandbox.order(bad.result!.order_id).order_state).toBe('failed');
  });

  it('settles per product configuration', async () => {
    sandbox.setFaults({ settlement: 'failed' }, { productId: '10000019' });
    const failing = await call('order.direct.add', {
      product_id: '10000019',
      customer_order_no: 'v-1',
      charge_account: 'user@example.com',
    });
    const fine = await call('order.direct.add', {
      product_id: '10000018',
      customer_order_no: 'v-2',
      charge_account: 'user@example.com',
    });
    await eventually(() => sandbox.orders().every((order) => order.finish_time !== ''));
    expect(sandbox.order(failing.result!.order_id).order_state).toBe('failed');
    expect(sandbox.order(fine.result!.order_id).order_state).toBe('success');
  });

  it('does not disclose another merchant’s order (3003)', async () => {
    sandbox.topUp(POOR.appKey, 1000);
    await call('order.card.add', { product_id: '10000003', customer_order_no: 'secret-order' }, POOR);
    const mine = await call('order.info.get', { customer_order_no: 'secret-order' });
    expect(mine.code).toBe(GATEWAY_ERRORS.orderNotFound.code);
    const byId = await call('order.info.get', {
      order_id: sandbox.orders({ appKey: POOR.appKey })[0]!.order_id,
    });
    expect(byId.code).toBe(GATEWAY_ERRORS.orderNotFound.code);
    expect((await call('order.info.get', {})).code).toBe(GATEWAY_ERRORS.missingParameter.code);
  });

  it('adds up: balance = start − successful orders, after a mix of outcomes', async () => {
    const start = sandbox.balance();
    const accounts = [
      '13900000000',
      DEFAULT_MAGIC_ACCOUNTS.fail[0]!,
      '13900000001',
      DEFAULT_MAGIC_ACCOUNTS.fail[0]!,
    ];
    for (const [index, account] of accounts.entries()) {
      await call('order.direct.add', {
        product_id: '10000015',
        customer_order_no: `mix-${index}`,
        charge_account: account,
        buy_num: 3,
      });
    }
    await eventually(() => sandbox.orders().every((order) => order.finish_time !== ''));
    const spent = sandbox
      .orders()
      .filter((o) => o.order_state === 'success')
      .reduce((sum, o) => sum + o.order_price, 0);
    expect(spent).toBeCloseTo(2 * 3 * priceOf('10000015'), 4);
    expect(sandbox.balance()).toBeCloseTo(start - spent, 4);
  });
});
