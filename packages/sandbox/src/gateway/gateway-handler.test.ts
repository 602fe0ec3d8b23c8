import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildGatewayRequest,
  callGateway,
  GATEWAY_ERRORS,
  type ProductView,
  type SandboxHandle,
  signPayload,
  startSandbox,
  verifyGatewayResponse,
} from '../index.ts';
import { postRaw, tamperedRequest } from '../testing/gateway-test-kit.ts';

let sandbox: SandboxHandle;
const creds = () => ({ appKey: sandbox.appKey, appSecret: sandbox.appSecret });

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 42, timeFactor: 0.001 });
});
afterAll(() => sandbox.close());

describe('gateway envelope', () => {
  it('answers a signed goods.info.get with a signed result string', async () => {
    const { status, json } = await postRaw(
      sandbox.gatewayUrl,
      buildGatewayRequest(creds(), 'goods.info.get', { product_id: '10000001' }),
    );
    expect(status).toBe(200);
    expect(json.code).toBe(0);
    expect(typeof json.result).toBe('string');
    expect(verifyGatewayResponse(json, sandbox.appSecret)).toBe(true);
    const product = JSON.parse(json.result) as ProductView;
    expect(product).toMatchObject({ product_id: '10000001', product_type: 'card', face_value: 50 });
  });

  it('refuses a body that is not a JSON object (1000)', async () => {
    expect((await postRaw(sandbox.gatewayUrl, 'not json')).json.code).toBe(
      GATEWAY_ERRORS.malformedRequest.code,
    );
    expect((await postRaw(sandbox.gatewayUrl, '[1,2]')).json.code).toBe(GATEWAY_ERRORS.malformedRequest.code);
  });

  it('refuses a missing envelope parameter (1001)', async () => {
    const { method: _m, ...rest } = buildGatewayRequest(creds(), 'goods.info.get', {
      product_id: '10000001',
    });
    const { json } = await postRaw(sandbox.gatewayUrl, rest);
    expect(json.code).toBe(GATEWAY_ERRORS.missingParameter.code);
    expect(json.message).toContain('method');
  });

  it('refuses a missing business parameter (1001)', async () => {
    const { code, message } = await callGateway(sandbox.gatewayUrl, creds(), 'goods.info.get', {});
    expect(code).toBe(GATEWAY_ERRORS.missingParameter.code);
    expect(message).toContain('product_id');
  });

  it('refuses an unsupported version and a malformed timestamp (1002)', async () => {
    const version = tamperedRequest(creds(), 'user.info.get', {}, { version: '1.0' });
    expect((await postRaw(sandbox.gatewayUrl, version)).json.code).toBe(GATEWAY_ERRORS.invalidParameter.code);
    const unsigned = { ...buildGatewayRequest(creds(), 'user.info.get'), timestamp: '2024/01/01 10:00' };
    const signed = { ...unsigned, sign: signPayload(unsigned, sandbox.appSecret) };
    expect((await postRaw(sandbox.gatewayUrl, signed)).json.code).toBe(GATEWAY_ERRORS.invalidParameter.code);
  });

  it('refuses an unknown app key (1003) without signing the answer', async () => {
    const { json } = await postRaw(
      sandbox.gatewayUrl,
      buildGatewayRequest({ appKey: 'nobody', appSecret: sandbox.appSecret }, 'user.info.get'),
    );
    expect(json.code).toBe(GATEWAY_ERRORS.unknownAppKey.code);
    expect(json.sign).toBe('');
  });

  it('refuses a bad signature (1004)', async () => {
    const wrongSecret = buildGatewayRequest(
      { appKey: sandbox.appKey, appSecret: 'f'.repeat(32) },
      'user.info.get',
    );
    expect((await postRaw(sandbox.gatewayUrl, wrongSecret)).json.code).toBe(GATEWAY_ERRORS.badSignature.code);
    const tampered = tamperedRequest(
      creds(),
      'goods.info.get',
      { product_id: '10000001' },
      {
        biz_content: JSON.stringify({ product_id: '10000002' }),
      },
    );
    expect((await postRaw(sandbox.gatewayUrl, tampered)).json.code).toBe(GATEWAY_ERRORS.badSignature.code);
  });

  it('refuses timestamps outside ±5 minutes (1005) and accepts them inside', async () => {
    const call = (offsetMs: number) =>
      postRaw(
        sandbox.gatewayUrl,
        buildGatewayRequest(creds(), 'user.info.get', {}, new Date(Date.now() + offsetMs)),
      );
    expect((await call(-6 * 60_000)).json.code).toBe(GATEWAY_ERRORS.timestampExpired.code);
    expect((await call(6 * 60_000)).json.code).toBe(GATEWAY_ERRORS.timestampExpired.code);
    expect((await call(-4 * 60_000)).json.code).toBe(0);
  });

  it('refuses an unknown method (1006)', async () => {
    const { code } = await callGateway(sandbox.gatewayUrl, creds(), 'goods.teleport', {});
    expect(code).toBe(GATEWAY_ERRORS.unknownMethod.code);
  });

  it('refuses biz_content that is not a JSON object (1002)', async () => {
    const unsigned = { ...buildGatewayRequest(creds(), 'user.info.get'), biz_content: '[oops' };
    const signed = { ...unsigned, sign: signPayload(unsigned, sandbox.appSecret) };
    expect((await postRaw(sandbox.gatewayUrl, signed)).json.code).toBe(GATEWAY_ERRORS.invalidParameter.code);
  });

  it('gives every refusal its own code', () => {
    const codes = Object.values(GATEWAY_ERRORS).map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).not.toContain(0);
  });

  it('answers 405 to GET in the gateway shape, naming the allowed method, and 404 elsewhere', async () => {
    const response = await fetch(sandbox.gatewayUrl);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      code: GATEWAY_ERRORS.malformedRequest.code,
      result: '',
      sign: '',
      error: { code: 'JX_SANDBOX_METHOD', details: { method: 'GET', allowed: ['POST'] } },
    });
    expect(body.message).toContain('only accepts POST');
    expect((await fetch(`${sandbox.url}/nothing`)).status).toBe(404);
  });
});

describe('goods and user methods', () => {
  it('lists the catalogue with filters', async () => {
    const all = await callGateway<ProductView[]>(sandbox.gatewayUrl, creds(), 'goods.list.get');
    expect(all.result!.length).toBeGreaterThanOrEqual(20);
    const videoCards = await callGateway<ProductView[]>(sandbox.gatewayUrl, creds(), 'goods.list.get', {
      category: 'video',
      product_type: 'card',
    });
    expect(videoCards.result!.map((p) => p.product_id).sort()).toEqual(['10000020', '10000021', '10000023']);
    const byName = await callGateway<ProductView[]>(sandbox.gatewayUrl, creds(), 'goods.list.get', {
      product_name: 'steam',
    });
    expect(byName.result!.map((p) => p.product_id)).toEqual(['10000001', '10000002']);
    const byFace = await callGateway<ProductView[]>(sandbox.gatewayUrl, creds(), 'goods.list.get', {
      face_value: '328',
    });
    expect(byFace.result!.map((p) => p.product_id)).toEqual(['10000011']);
    const badType = await callGateway(sandbox.gatewayUrl, creds(), 'goods.list.get', {
      product_type: 'voucher',
    });
    expect(badType.code).toBe(GATEWAY_ERRORS.invalidParameter.code);
  });

  it('reports unknown products (2001)', async () => {
    const { code } = await callGateway(sandbox.gatewayUrl, creds(), 'goods.info.get', { product_id: '404' });
    expect(code).toBe(GATEWAY_ERRORS.productNotFound.code);
  });

  it('checks stock', async () => {
    const ok = await callGateway<{ stock_status: string }>(sandbox.gatewayUrl, creds(), 'goods.stock.check', {
      product_id: '10000001',
      buy_num: 2,
    });
    expect(ok.result?.stock_status).toBe('sufficient');
    const out = await callGateway<{ stock_status: string; stock: number }>(
      sandbox.gatewayUrl,
      creds(),
      'goods.stock.check',
      {
        product_id: '10000007',
      },
    );
    expect(out.result).toMatchObject({ stock_status: 'insufficient', stock: 0 });
  });

  it('returns the balance', async () => {
    const { result } = await callGateway<{ balance: number; user_id: string }>(
      sandbox.gatewayUrl,
      creds(),
      'user.info.get',
    );
    expect(result).toMatchObject({ user_id: 'sandbox-app', balance: sandbox.balance() });
  });
});
