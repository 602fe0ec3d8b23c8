import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callGateway, type SandboxHandle, startSandbox } from '../index.ts';
import { eventually } from '../testing/gateway-test-kit.ts';

let sandbox: SandboxHandle;
const creds = () => ({ appKey: sandbox.appKey, appSecret: sandbox.appSecret });

// biome-ignore lint/suspicious/noExplicitAny: the tests read arbitrary admin JSON.
type AnyJson = Record<string, any>;

async function admin(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = sandbox.adminToken,
) {
  const response = await fetch(`${sandbox.adminUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { 'x-admin-token': token }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as AnyJson };
}

beforeAll(async () => {
  // Settlement is slow here (1000 s simulated = 1 s real) so the admin settle route is what settles.
  sandbox = await startSandbox({
    timeFactor: 0.001,
    config: { processingDelayMs: 1_000_000, settleDelayMs: 1_000_000, adminToken: 'test-admin-token' },
  });
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

describe('admin authentication', () => {
  it('refuses requests without the admin token', async () => {
    const { status, json } = await admin('GET', '/orders', undefined, null);
    expect(status).toBe(401);
    expect(json.error.code).toBe('JX_SANDBOX_ADMIN_UNAUTHORIZED');
  });

  it('never accepts merchant credentials', async () => {
    expect((await admin('GET', '/orders', undefined, sandbox.appSecret)).status).toBe(401);
    expect((await admin('GET', '/orders', undefined, sandbox.appKey)).status).toBe(401);
    const bearer = await fetch(`${sandbox.adminUrl}/orders`, {
      headers: { authorization: `Bearer ${sandbox.appSecret}` },
    });
    expect(bearer.status).toBe(401);
  });

  it('accepts the token as a bearer token too', async () => {
    const response = await fetch(`${sandbox.adminUrl}/orders`, {
      headers: { authorization: 'Bearer test-admin-token' },
    });
    expect(response.status).toBe(200);
  });

  it('is not reachable through the merchant gateway', async () => {
    const { code } = await callGateway(sandbox.gatewayUrl, creds(), 'admin.reset');
    expect(code).not.toBe(0);
  });
});

describe('admin routes', () => {
  it('lists products and merchants without secrets', async () => {
    expect((await admin('GET', '/products')).json.products.length).toBeGreaterThanOrEqual(20);
    const merchants = await admin('GET', '/merchants');
    expect(merchants.json.merchants).toEqual([{ app_key: 'sandbox-app', balance: 10_000 }]);
    expect(JSON.stringify(merchants.json)).not.toContain(sandbox.appSecret);
  });

  it('inspects, settles and resets orders', async () => {
    const created = await callGateway<{ order_id: string }>(sandbox.gatewayUrl, creds(), 'order.card.add', {
      product_id: '10000001',
      customer_order_no: 'adm-1',
    });
    const orderId = created.result!.order_id;
    const list = await admin('GET', '/orders?customer_order_no=adm-1');
    expect(list.json.orders).toHaveLength(1);
    expect(list.json.orders[0]).toMatchObject({ app_key: 'sandbox-app', order_state: 'untreated' });
    const settled = await admin('POST', `/orders/${orderId}/settle`, { outcome: 'failed' });
    expect(settled.json.order.order_state).toBe('failed');
    expect((await admin('GET', `/orders/${orderId}`)).json.order.order_state).toBe('failed');
    expect((await admin('GET', '/balances/sandbox-app')).json.balance).toBe(10_000);
    expect((await admin('POST', `/orders/${orderId}/settle`, { outcome: 'maybe' })).status).toBe(400);
    expect((await admin('GET', '/orders/nope')).status).toBe(404);
    expect((await admin('POST', '/reset')).json).toEqual({ ok: true });
    expect((await admin('GET', '/orders')).json.orders).toEqual([]);
  });

  it('settles with the planned outcome by default and sends the callback', async () => {
    const created = await callGateway<{ order_id: string }>(sandbox.gatewayUrl, creds(), 'order.card.add', {
      product_id: '10000001',
      customer_order_no: 'adm-2',
    });
    await admin('POST', `/orders/${created.result!.order_id}/settle`);
    expect(sandbox.order(created.result!.order_id).order_state).toBe('success');
  });

  it('tops up balances', async () => {
    const topped = await admin('POST', '/balances/sandbox-app', { amount: 250.5 });
    expect(topped.json).toEqual({ app_key: 'sandbox-app', balance: 10_250.5 });
    expect((await admin('GET', '/balances')).json.balances).toEqual({ 'sandbox-app': 10_250.5 });
    expect((await admin('POST', '/balances/sandbox-app', { amount: 'lots' })).status).toBe(400);
    expect((await admin('POST', '/balances/ghost', { amount: 1 })).status).toBe(404);
  });

  it.each([
    ['negative', '{"amount": -999999}', '-999999'],
    ['zero', '{"amount": 0}', '0'],
    ['infinite', '{"amount": 1e999}', 'Infinity'],
    ['missing', '{}', 'nothing'],
  ])('refuses a %s top-up amount with a coded 400 and keeps the balance', async (_case, body, got) => {
    const response = await fetch(`${sandbox.adminUrl}/balances/sandbox-app`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-token': sandbox.adminToken },
      body,
    });
    expect(response.status).toBe(400);
    const json = (await response.json()) as AnyJson;
    expect(json.error).toMatchObject({
      code: 'JX_SANDBOX_AMOUNT_INVALID',
      details: { appKey: 'sandbox-app', field: 'amount', got },
    });
    expect(json.error.message).toContain('positive, finite amount');
    expect(sandbox.balance()).toBe(10_000);
  });

  it('lets tests withdraw in-process, but never below zero', () => {
    expect(sandbox.topUp(sandbox.appKey, -9_999)).toBe(1);
    expect(() => sandbox.topUp(sandbox.appKey, -2)).toThrow(
      expect.objectContaining({ code: 'JX_SANDBOX_AMOUNT_INVALID' }),
    );
    expect(sandbox.balance()).toBe(1);
  });

  it('sets, shows and clears faults per scope', async () => {
    await admin('PUT', '/faults/app-keys/sandbox-app', { latencyMs: 5 });
    await admin('PUT', '/faults/products/10000001', { settlement: 'failed' });
    await admin('PUT', '/faults/global', { callbackNever: true });
    expect((await admin('GET', '/faults')).json.faults).toEqual({
      global: { callbackNever: true },
      appKeys: { 'sandbox-app': { latencyMs: 5 } },
      products: { '10000001': { settlement: 'failed' } },
    });
    await admin('DELETE', '/faults/products/10000001');
    await admin('DELETE', '/faults/global');
    expect((await admin('GET', '/faults')).json.faults).toEqual({
      appKeys: { 'sandbox-app': { latencyMs: 5 } },
      products: {},
    });
    await admin('PUT', '/faults', { products: { '10000002': { dropAfterAccept: true } } });
    expect(sandbox.faults()).toEqual({ products: { '10000002': { dropAfterAccept: true } } });
    const invalid = await admin('PUT', '/faults/global', { latencyMS: 5 });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.code).toBe('JX_SANDBOX_FAULT_INVALID');
  });

  it('shows callback deliveries and refuses bad notify URLs', async () => {
    expect((await admin('PUT', '/notify-urls/sandbox-app', { url: 'ftp://x' })).status).toBe(400);
    expect(
      (await admin('PUT', '/notify-urls/sandbox-app', { url: 'http://127.0.0.1:9/nowhere' })).status,
    ).toBe(200);
    const created = await callGateway<{ order_id: string }>(sandbox.gatewayUrl, creds(), 'order.card.add', {
      product_id: '10000001',
      customer_order_no: 'adm-3',
    });
    await admin('POST', `/orders/${created.result!.order_id}/settle`);
    await eventually(() => sandbox.deliveries().length > 0);
    const deliveries = await admin('GET', `/deliveries?order_id=${created.result!.order_id}`);
    expect(deliveries.json.deliveries[0]).toMatchObject({
      outcome: 'error',
      attempt: 1,
      customerOrderNo: 'adm-3',
    });
    expect((await admin('GET', '/deliveries?customer_order_no=other')).json.deliveries).toEqual([]);
    expect((await admin('DELETE', '/notify-urls/sandbox-app')).status).toBe(200);
    expect((await admin('GET', '/merchants')).json.merchants[0].notify_url).toBeUndefined();
  });

  it('answers unknown routes and bad bodies with coded errors', async () => {
    expect((await admin('GET', '/nothing')).json.error.code).toBe('JX_SANDBOX_ADMIN_NOT_FOUND');
    const response = await fetch(`${sandbox.adminUrl}/faults/global`, {
      method: 'PUT',
      headers: { 'x-admin-token': sandbox.adminToken },
      body: 'not json',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as AnyJson).error.code).toBe('JX_SANDBOX_ADMIN_BODY');
  });
});
