import { createCipheriv, createHash, createHmac, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { Json, ResolvedCredential } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../credentials/sign-request.ts';
import { verifyIncoming } from '../credentials/verify-incoming.ts';
import { SIGNING_PRESETS } from './presets.ts';

// Known answers for every preset. Each expected canonical string is written out by hand from the
// platform's published description (never produced by the recipe engine), hashed with node:crypto
// directly, and compared with what signRequest put on the wire; the signed message then verifies,
// and a tampered one does not.

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5); // 2026-01-02 11:04:05 in UTC+8, 1767323045 s
const NONCE = '5K8264ILTKCH16CQ2502SI8ZNMTM67VS';
const opts = { now: () => NOW, nonce: () => NONCE };
const SECRET = '192006250b4c09247ec02edce69f6a2d';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const credential = (preset: string, data: Record<string, Json> = {}): ResolvedCredential => ({
  id: `cred-${preset}`,
  kind: 'signature',
  data: { preset, secret: SECRET, appKey: 'wxd930ea5d5a258f4f', ...data },
  allowedHosts: ['*'],
});

/** The wire request back as the receiving side parses it. */
function received(wire: { url: string; headers: Record<string, string>; body?: string }) {
  const url = new URL(wire.url);
  const json = wire.headers['content-type']?.includes('json');
  const form = wire.headers['content-type']?.includes('form');
  return {
    method: 'POST',
    path: url.pathname,
    headers: wire.headers,
    query: Object.fromEntries(url.searchParams),
    rawBody: wire.body ?? '',
    ...(json ? { body: JSON.parse(wire.body ?? '{}') as Json } : {}),
    ...(form ? { body: Object.fromEntries(new URLSearchParams(wire.body ?? '')) } : {}),
  };
}

async function roundTrip(cred: ResolvedCredential, wire: Parameters<typeof received>[0]) {
  expect(await verifyIncoming(cred, received(wire), { now: () => NOW + 1000 })).toMatchObject({ ok: true });
}

describe('signing presets: known answers from the platforms’ descriptions', () => {
  it('lists each preset once, with a description', async () => {
    const ids = SIGNING_PRESETS.map((preset) => preset.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(8);
    for (const preset of SIGNING_PRESETS) expect(preset.description.length).toBeGreaterThan(20);
  });

  it('card-platform: compact JSON without sign, characters sorted, secret appended, MD5 lower', async () => {
    const cred = credential('card-platform');
    const wire = await signRequest(
      cred,
      {
        method: 'POST',
        url: 'https://gw.test/api',
        body: { type: 'json', value: { method: 'goods.info.get', product_id: '10000001' } },
      },
      opts,
    );
    const body = JSON.parse(wire.body!) as Record<string, string>;
    const json = `{"method":"goods.info.get","product_id":"10000001","app_key":"wxd930ea5d5a258f4f","timestamp":"2026-01-02 11:04:05"}`;
    expect(body.sign).toBe(md5(`${[...json].sort().join('')}${SECRET}`));
    await roundTrip(cred, wire);
  });

  it('kv-concat-timestamp-md5: sorted key+value, then the timestamp, then the secret, MD5 lower', async () => {
    const cred = credential('kv-concat-timestamp-md5');
    const wire = await signRequest(
      cred,
      {
        method: 'POST',
        url: 'https://gw.test/order',
        body: { type: 'json', value: { sku: 'A1', amount: 2 } },
      },
      opts,
    );
    const query = new URL(wire.url).searchParams;
    expect(query.get('timestamp')).toBe('1767323045');
    expect(query.get('sign')).toBe(md5(`amount2skuA11767323045${SECRET}`));
    await roundTrip(cred, wire);
  });

  it('header-pairs-raw-body-md5: signed headers as k=v&, the raw body, the key; MD5 upper in header sign', async () => {
    const cred = credential('header-pairs-raw-body-md5', { appKey: 'B1001' });
    const body = '{"orderNo":"X1","items":[{"sku":"A","qty":1}]}';
    const wire = await signRequest(
      cred,
      {
        method: 'POST',
        url: 'https://gw.test/v2/order',
        body: { type: 'raw', value: body, contentType: 'application/json' },
      },
      opts,
    );
    expect(wire.body).toBe(body);
    const canonical = `businessId=B1001&nonce=${NONCE}&signType=MD5&timestamp=1767323045000${body}${SECRET}`;
    expect(wire.headers.sign).toBe(md5(canonical).toUpperCase());
    expect(wire.headers).toMatchObject({ businessid: 'B1001', nonce: NONCE, signtype: 'MD5' });
    // Verified over the raw body bytes as received, not a re-serialisation of the parsed JSON.
    const spaced = { ...wire, body: body.replace(',', ', ') };
    expect(await verifyIncoming(cred, received(spaced), { now: () => NOW })).toMatchObject({
      ok: false,
      code: 'JX_SIGNATURE_INVALID',
    });
    expect(await verifyIncoming(cred, received(wire), { now: () => NOW })).toEqual({
      ok: true,
      nonce: { value: NONCE, expiresAt: NOW + 300_000 },
    });
  });

  it('kv-apikey-md5-upper: sorted k=v&…, then &apikey= and the key, MD5 upper', async () => {
    const cred = credential('kv-apikey-md5-upper');
    const wire = await signRequest(
      cred,
      {
        method: 'POST',
        url: 'https://gw.test/',
        body: { type: 'form', value: { userid: '10001', amount: '50' } },
      },
      opts,
    );
    const form = new URLSearchParams(wire.body);
    expect(form.get('sign')).toBe(md5(`amount=50&userid=10001&apikey=${SECRET}`).toUpperCase());
    await roundTrip(cred, wire);
  });

  it('rsa2-sorted-pairs: non-empty sorted k=v& without sign, SHA256withRSA, Base64 (PKCS#1 and PKCS#8 keys)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const pkcs8Bare = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const spkiBare = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const canonical =
      'app_id=2014072300007148&biz_content={"out_trade_no":"70501111111S001111119"}' +
      '&charset=utf-8&method=alipay.trade.query&sign_type=RSA2&timestamp=2026-01-02 11:04:05';
    const expected = sign('sha256', Buffer.from(canonical, 'utf8'), privateKey).toString('base64');
    for (const key of [pkcs1, pkcs8Bare]) {
      const cred = credential('rsa2-sorted-pairs', {
        appKey: '2014072300007148',
        privateKey: key,
        publicKey: spkiBare,
      });
      const wire = await signRequest(
        cred,
        {
          method: 'POST',
          url: 'https://openapi.test/gateway.do',
          body: {
            type: 'form',
            value: {
              method: 'alipay.trade.query',
              charset: 'utf-8',
              notify_url: '',
              biz_content: '{"out_trade_no":"70501111111S001111119"}',
            },
          },
        },
        opts,
      );
      const signature = new URLSearchParams(wire.body).get('sign')!;
      expect(signature).toBe(expected);
      expect(
        verify('sha256', Buffer.from(canonical, 'utf8'), publicKey, Buffer.from(signature, 'base64')),
      ).toBe(true);
      await roundTrip(cred, wire);
    }
  });

  it('kv-key-md5-upper: non-empty sorted k=v&…&key=, MD5 upper (the published pay example)', async () => {
    // The example of the public "k=v&…&key=" description: its stringSignTemp and sign, verbatim.
    const cred = credential('kv-key-md5-upper');
    const wire = await signRequest(
      cred,
      {
        method: 'POST',
        url: 'https://pay.test/pay/unifiedorder',
        body: {
          type: 'json',
          value: { appid: 'wxd930ea5d5a258f4f', mch_id: '10000100', device_info: '1000', body: 'test' },
        },
      },
      { now: () => NOW, nonce: () => 'ibuaiVcKdpRxkhJA' },
    );
    const signTemp =
      'appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA' +
      `&key=${SECRET}`;
    expect(JSON.parse(wire.body!).sign).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
    expect(md5(signTemp).toUpperCase()).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
    await roundTrip(cred, wire);
  });

  it('kv-key-hmac-sha256-upper: the same string, HMAC-SHA256 keyed by the key, upper hex', async () => {
    const cred = credential('kv-key-hmac-sha256-upper');
    const wire = await signRequest(
      cred,
      {
        method: 'POST',
        url: 'https://pay.test/pay/unifiedorder',
        body: { type: 'json', value: { appid: 'wxd930ea5d5a258f4f', mch_id: '10000100', body: 'test' } },
      },
      { now: () => NOW, nonce: () => 'ibuaiVcKdpRxkhJA' },
    );
    const signTemp =
      'appid=wxd930ea5d5a258f4f&body=test&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA' +
      `&sign_type=HMAC-SHA256&key=${SECRET}`;
    const expected = createHmac('sha256', SECRET).update(signTemp, 'utf8').digest('hex').toUpperCase();
    expect(JSON.parse(wire.body!).sign).toBe(expected);
    await roundTrip(cred, wire);
  });

  it('secret-kv-secret-md5-upper: secret + sorted key value pairs + secret, MD5 upper, over the query', async () => {
    const cred = credential('secret-kv-secret-md5-upper', { appKey: '12345678', secret: 'helloworld' });
    const wire = await signRequest(
      cred,
      {
        method: 'GET',
        url: 'https://eco.test/router/rest',
        query: { method: 'taobao.item.seller.get', v: '2.0', fields: 'num_iid,title', num_iid: '11223344' },
      },
      opts,
    );
    const canonical =
      'helloworldapp_key12345678fieldsnum_iid,titlemethodtaobao.item.seller.getnum_iid11223344' +
      'sign_methodmd5timestamp2026-01-02 11:04:05v2.0helloworld';
    expect(new URL(wire.url).searchParams.get('sign')).toBe(md5(canonical).toUpperCase());
    await roundTrip(cred, wire);
  });

  it('aes-body-md5: the JSON body AES-128-ECB encrypted into data, then MD5 of appId + data + timestamp + key', async () => {
    const key = '1234567890abcdef';
    const cred = credential('aes-body-md5', { secret: key, appKey: 'APP01' });
    const wire = await signRequest(
      cred,
      {
        method: 'POST',
        url: 'https://api.test/order',
        body: { type: 'json', value: { goodsNo: 'G1', quantity: 1 } },
      },
      opts,
    );
    const cipher = createCipheriv('aes-128-ecb', Buffer.from(key), null);
    const data = Buffer.concat([
      cipher.update('{"goodsNo":"G1","quantity":1}', 'utf8'),
      cipher.final(),
    ]).toString('base64');
    expect(JSON.parse(wire.body!)).toEqual({
      data,
      appId: 'APP01',
      timestamp: '1767323045',
      sign: md5(`APP01${data}1767323045${key}`),
    });
    await roundTrip(cred, wire);
  });
});
