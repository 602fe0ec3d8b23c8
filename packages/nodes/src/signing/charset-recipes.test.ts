import { createHash } from 'node:crypto';
import type { Json, ResolvedCredential } from '@junction/runtime';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../credentials/sign-request.ts';
import { verifyIncoming } from '../credentials/verify-incoming.ts';
import { xmlToJson } from '../wire-format/xml.ts';
import { recipeProblems } from './check-recipe.ts';
import type { SigningRecipe } from './recipe-types.ts';

// Known answers for recipes whose canonical string has Chinese values, in GBK and in UTF-8. Each
// expected MD5 is computed here with node:crypto over bytes iconv-lite (or Buffer) encoded by hand.

const SECRET = '192006250b4c09247ec02edce69f6a2d';
const md5Upper = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex').toUpperCase();
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);

const credential = (data: Record<string, Json>): ResolvedCredential => ({
  id: 'cred-legacy',
  kind: 'signature',
  data: { secret: SECRET, ...data },
  allowedHosts: ['*'],
});

const kvKey: SigningRecipe = {
  parts: [
    { type: 'params', from: 'body', excludeEmpty: true },
    { type: 'text', template: '&key={secret}' },
  ],
  algorithm: 'md5',
  encoding: 'hex-upper',
  signature: [{ in: 'body', name: 'sign' }],
};

const fields = { body: '商品-月卡', mch_id: '10000100', out_trade_no: '订单2026', total_fee: '1' };
const canonical = `body=商品-月卡&mch_id=10000100&out_trade_no=订单2026&total_fee=1&key=${SECRET}`;

describe('recipe charset: the canonical string hashed as the bytes the platform signs', () => {
  it.each([
    ['gbk', iconv.encode(canonical, 'gbk')],
    ['utf-8', Buffer.from(canonical, 'utf8')],
  ] as const)('signs k=v&key= with Chinese values over %s bytes', async (charset, bytes) => {
    const wire = await signRequest(
      credential({ recipe: { ...kvKey, charset } as unknown as Json }),
      { method: 'POST', url: 'https://pay.test/unifiedorder', body: { type: 'json', value: fields } },
      { now: () => NOW },
    );
    expect(JSON.parse(wire.body ?? '{}').sign).toBe(md5Upper(bytes));
  });

  it('gives different signatures in GBK and UTF-8', () => {
    expect(md5Upper(iconv.encode(canonical, 'gbk'))).not.toBe(md5Upper(Buffer.from(canonical, 'utf8')));
  });

  it('lets the credential set the charset over a preset (WeChat Pay v2 style k=v&key=, MD5 upper)', async () => {
    const wire = await signRequest(
      credential({ preset: 'kv-key-md5-upper', charset: 'gbk' }),
      {
        method: 'POST',
        url: 'https://pay.test/unifiedorder',
        body: { type: 'xml', value: { ...fields, nonce_str: 'n1' }, cdata: true },
      },
      { now: () => NOW },
    );
    const sent = xmlToJson(wire.body ?? '') as Record<string, string>;
    const expected = md5Upper(
      iconv.encode(
        `body=商品-月卡&mch_id=10000100&nonce_str=n1&out_trade_no=订单2026&total_fee=1&key=${SECRET}`,
        'gbk',
      ),
    );
    expect(sent.sign).toBe(expected);
    expect(wire.body).toContain('<sign><![CDATA[');
  });

  it('verifies an XML notification by its parsed fields, in GBK', async () => {
    const sign = md5Upper(iconv.encode(canonical, 'gbk'));
    const xml = `<xml><body><![CDATA[商品-月卡]]></body><mch_id>10000100</mch_id><out_trade_no>订单2026</out_trade_no><total_fee>1</total_fee><sign>${sign}</sign></xml>`;
    const bytes = iconv.encode(xml, 'gbk');
    const cred = credential({ recipe: { ...kvKey, charset: 'gbk' } as unknown as Json });
    const message = {
      headers: { 'content-type': 'text/xml; charset=GBK' },
      body: xmlToJson(iconv.decode(bytes, 'gbk')),
      rawBody: bytes,
    };
    expect(await verifyIncoming(cred, message, { now: () => NOW })).toMatchObject({ ok: true });
    const utf8 = credential({ recipe: kvKey as unknown as Json });
    expect(await verifyIncoming(utf8, message, { now: () => NOW })).toMatchObject({
      ok: false,
      code: 'JX_SIGNATURE_INVALID',
    });
  });

  it('hashes a received raw body as its bytes arrived', async () => {
    const raw: SigningRecipe = {
      parts: [{ type: 'raw-body' }, { type: 'text', template: '{secret}' }],
      algorithm: 'md5',
      encoding: 'hex-upper',
      signature: [{ in: 'header', name: 'x-sign' }],
      charset: 'gbk',
    };
    const bytes = iconv.encode('{"msg":"成功","order":"订单2026"}', 'gbk');
    const sign = md5Upper(Buffer.concat([bytes, Buffer.from(SECRET)]));
    const cred = credential({ recipe: raw as unknown as Json });
    const headers = { 'content-type': 'application/json; charset=gbk', 'x-sign': sign };
    expect(await verifyIncoming(cred, { headers, rawBody: bytes }, { now: () => NOW })).toMatchObject({
      ok: true,
    });
    const tampered = Buffer.from(bytes);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 3) ^ 1, tampered.length - 3);
    expect(await verifyIncoming(cred, { headers, rawBody: tampered }, { now: () => NOW })).toMatchObject({
      ok: false,
      code: 'JX_SIGNATURE_INVALID',
    });
  });

  it('refuses a charset it does not know when the credential is saved', () => {
    expect(
      recipeProblems({ secret: SECRET, recipe: { ...kvKey, charset: 'x-unknown-9' } as unknown as Json }),
    ).toEqual([{ pointer: '/recipe/charset', message: expect.stringContaining('charset') }]);
    expect(recipeProblems({ secret: SECRET, preset: 'kv-key-md5-upper', charset: 'x-unknown-9' })).toEqual([
      { pointer: '/charset', message: expect.stringContaining('charset') },
    ]);
  });
});
