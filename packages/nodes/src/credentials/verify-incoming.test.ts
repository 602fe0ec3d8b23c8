import { createHash } from 'node:crypto';
import type { Json, ResolvedCredential } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { verifyIncoming } from './verify-incoming.ts';

const SECRET = '0a091b3aa4324435aab703142518a8f7';
const CALLBACK = {
  order_id: '19102237851777002017',
  charge_finish_time: '2019-10-22 20:17:57',
  customer_order_no: '123456',
  order_status: 'success',
  recharge_description: '充值成功',
  product_id: '10000489',
  price: '50.0000',
  buy_num: '1',
  operator_serial_number: '--',
  sign: '35d1c3403c42d2df58ed4e37991deee3',
};
const cred = (kind: string, data: Record<string, Json>): ResolvedCredential => ({
  id: 'c1',
  kind,
  data,
  allowedHosts: [],
});
const cardPlatform = cred('card-platform', { appKey: 'AK', appSecret: SECRET, gatewayUrl: 'http://x.test/' });

describe('verifyIncoming', () => {
  it('accepts the public SDK callback and rejects any change to it', async () => {
    expect(await verifyIncoming(cardPlatform, { body: CALLBACK })).toEqual({ ok: true });
    expect(await verifyIncoming(cardPlatform, { body: { ...CALLBACK, price: '5.0000' } })).toMatchObject({
      ok: false,
      code: 'JX_SIGNATURE_INVALID',
    });
    expect(
      await verifyIncoming(cardPlatform, { body: { ...CALLBACK, sign: CALLBACK.sign.toUpperCase() } }),
    ).toEqual({
      ok: true,
    });
  });

  it('reports a missing signature', async () => {
    const { sign: _sign, ...unsigned } = CALLBACK;
    expect(await verifyIncoming(cardPlatform, { body: unsigned })).toMatchObject({
      ok: false,
      code: 'JX_SIGNATURE_MISSING',
    });
    expect(await verifyIncoming(cardPlatform, { rawBody: 'not json' })).toMatchObject({ ok: false });
  });

  it('refuses card-platform messages whose timestamp is outside ±5 minutes', async () => {
    const now = Date.UTC(2024, 0, 2, 3, 4, 5);
    const body = { a: '1', timestamp: '2024-01-02 11:14:05' };
    const signed = { ...body, sign: sign(body) };
    expect(await verifyIncoming(cardPlatform, { body: signed }, { now: () => now })).toMatchObject({
      code: 'JX_SIGNATURE_EXPIRED',
    });
    expect(await verifyIncoming(cardPlatform, { body: signed }, { now: () => now + 600_000 })).toEqual({
      ok: true,
    });
  });

  it('requires the timestamp of a signature credential that names one', async () => {
    const sig = cred('signature', { secret: 'S', timestampField: 'ts' });
    expect(await verifyIncoming(sig, { body: { a: '1', sign: 'x' } })).toMatchObject({
      code: 'JX_SIGNATURE_MISSING',
    });
    expect(await verifyIncoming(sig, { body: { a: '1', ts: 'soon', sign: 'x' } })).toMatchObject({
      code: 'JX_SIGNATURE_INVALID',
    });
  });

  it('checks bearer and basic Authorization headers', async () => {
    const bearer = cred('bearer', { token: 'T' });
    expect(await verifyIncoming(bearer, { headers: { Authorization: 'Bearer T' } })).toEqual({ ok: true });
    expect(await verifyIncoming(bearer, { headers: { authorization: 'Bearer X' } })).toMatchObject({
      ok: false,
    });
    expect(await verifyIncoming(bearer, {})).toMatchObject({ ok: false });
    const basic = cred('basic', { username: 'u', password: 'p' });
    expect(await verifyIncoming(basic, { headers: { authorization: `Basic ${btoa('u:p')}` } })).toEqual({
      ok: true,
    });
  });

  it('rejects a wrong or missing HMAC header and a stale timestamp', async () => {
    const hmac = cred('hmac-header', { secret: 'K', timestampHeader: 'X-Ts', toleranceSeconds: 60 });
    expect(await verifyIncoming(hmac, { rawBody: '{}' })).toMatchObject({ code: 'JX_SIGNATURE_MISSING' });
    const stale = { 'x-ts': '1000', 'x-signature': 'ab' };
    expect(await verifyIncoming(hmac, { headers: stale, rawBody: '{}' })).toMatchObject({
      code: 'JX_SIGNATURE_EXPIRED',
    });
  });

  it('never puts the secret in a failure reason', async () => {
    const result = await verifyIncoming(cardPlatform, { body: { ...CALLBACK, sign: 'bad' } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});

function sign(body: Record<string, string>): string {
  return createHash('md5')
    .update(`${JSON.stringify(body).split('').sort().join('')}${SECRET}`)
    .digest('hex');
}
