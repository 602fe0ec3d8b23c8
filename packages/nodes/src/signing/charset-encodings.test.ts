import { createHash, createHmac } from 'node:crypto';
import type { Json, ResolvedCredential } from '@junction/runtime';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../credentials/sign-request.ts';
import type { SigningRecipe } from './recipe-types.ts';

// Where text meets bytes in signing besides the canonical string itself: percent-encoding inside it,
// the hmac-header signature of a body sent in GBK, and the expression helpers. Every expected value
// is computed here with node:crypto over bytes iconv-lite encoded by hand.

const SECRET = 'c0ffee-legacy-secret';
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const md5Upper = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex').toUpperCase();
const encode = (text: string, charset: string) =>
  charset === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, charset);
/** Percent-escapes of every byte, by hand: what a GBK form or URL carries. */
const escapes = (text: string, charset: string) =>
  [...encode(text, charset)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');

const credential = (data: Record<string, Json>, kind = 'signature'): ResolvedCredential => ({
  id: 'cred-charset',
  kind,
  data: { secret: SECRET, ...data },
  allowedHosts: ['*'],
});

async function signedBody(recipe: SigningRecipe, value: Record<string, Json>): Promise<Record<string, Json>> {
  const wire = await signRequest(
    credential({ recipe: recipe as unknown as Json }),
    { method: 'POST', url: 'https://supplier.test/notify', body: { type: 'json', value } },
    { now: () => NOW },
  );
  return JSON.parse(wire.body ?? '{}') as Record<string, Json>;
}

const urlEncoded = (urlEncode: 'rfc3986' | 'form', charset: string): SigningRecipe => ({
  parts: [
    { type: 'params', from: 'body', urlEncode },
    { type: 'text', template: '&key={secret}' },
  ],
  algorithm: 'md5',
  encoding: 'hex-upper',
  signature: [{ in: 'body', name: 'sign' }],
  charset,
});

describe("percent-encoding in a canonical string uses the recipe charset's bytes", () => {
  it('writes GBK 成功 as %B3%C9%B9%A6', () => {
    expect(escapes('成功', 'gbk')).toBe('%B3%C9%B9%A6');
  });

  it.each(['gbk', 'gb18030', 'utf-8'])('rfc3986 in %s', async (charset) => {
    const fields = { msg: '成功 ok~*', shop: '店铺' };
    const canonical = `msg=${escapes('成功', charset)}%20ok~%2A&shop=${escapes('店铺', charset)}&key=${SECRET}`;
    const body = await signedBody(urlEncoded('rfc3986', charset), fields);
    expect(body.sign).toBe(md5Upper(Buffer.from(canonical, 'latin1')));
  });

  it.each(['gbk', 'utf-8'])('form style in %s: a space as +, * kept, ~ escaped', async (charset) => {
    const fields = { msg: '成功 ok~*' };
    const canonical = `msg=${escapes('成功', charset)}+ok%7E*&key=${SECRET}`;
    const body = await signedBody(urlEncoded('form', charset), fields);
    expect(body.sign).toBe(md5Upper(Buffer.from(canonical, 'latin1')));
  });

  it('GBK and UTF-8 escapes give different signatures', async () => {
    const fields = { msg: '成功' };
    const gbk = await signedBody(urlEncoded('rfc3986', 'gbk'), fields);
    const utf8 = await signedBody(urlEncoded('rfc3986', 'utf-8'), fields);
    expect(gbk.sign).not.toBe(utf8.sign);
  });
});

describe('hmac-header signs the bytes sent', () => {
  it.each(['gbk', 'utf-8'])('a JSON body sent in %s', async (charset) => {
    const wire = await signRequest(
      credential({ headerName: 'X-Sign', timestampHeader: 'X-Ts' }, 'hmac-header'),
      {
        method: 'POST',
        url: 'https://supplier.test/orders',
        body: { type: 'json', value: { msg: '成功', shop: '店铺' } },
        charset,
      },
      { now: () => NOW },
    );
    const text = `${Math.floor(NOW / 1000)}.{"msg":"成功","shop":"店铺"}`;
    const expected = createHmac('sha256', SECRET).update(encode(text, charset)).digest('hex');
    expect(wire.headers['x-ts']).toBe(String(Math.floor(NOW / 1000)));
    expect(wire.headers['x-sign']).toBe(expected);
  });
});

describe("the expression helpers hash in the recipe's charset, or the one they are given", () => {
  const fields = { body: '月卡', out_trade_no: '订单1' };
  const canonical = `body=月卡&out_trade_no=订单1&key=${SECRET}`;
  const withExpression = (expression: string, charset?: string): SigningRecipe => ({
    parts: [
      { type: 'params', from: 'body' },
      { type: 'text', template: '&key={secret}' },
    ],
    algorithm: 'md5',
    encoding: 'hex-upper',
    signature: [{ in: 'body', name: 'sign' }],
    expression,
    ...(charset ? { charset } : {}),
  });

  it('$digest: GBK by the recipe, UTF-8 by default, and an explicit charset over both', async () => {
    const gbk = md5Upper(iconv.encode(canonical, 'gbk'));
    const utf8 = md5Upper(Buffer.from(canonical, 'utf8'));
    expect(
      (await signedBody(withExpression('$digest("md5", canonical, "hex-upper")', 'gbk'), fields)).sign,
    ).toBe(gbk);
    expect((await signedBody(withExpression('$digest("md5", canonical, "hex-upper")'), fields)).sign).toBe(
      utf8,
    );
    expect(
      (await signedBody(withExpression('$digest("md5", canonical, "hex-upper", "gbk")'), fields)).sign,
    ).toBe(gbk);
    expect(
      (await signedBody(withExpression('$digest("md5", canonical, "hex-upper", "utf-8")', 'gbk'), fields))
        .sign,
    ).toBe(utf8);
  });

  it('$hmac over GBK bytes', async () => {
    const expected = createHmac('sha256', SECRET).update(iconv.encode(canonical, 'gbk')).digest('base64');
    const recipe = withExpression('$hmac("sha256", $secret, canonical, "base64")', 'gb18030');
    // GB18030 and GBK share the bytes of these characters.
    expect((await signedBody(recipe, fields)).sign).toBe(expected);
  });

  it('a character the charset lacks fails coded instead of hashing "?"', async () => {
    const recipe = withExpression('$digest("md5", canonical, "hex-upper")', 'gbk');
    await expect(signedBody(recipe, { body: '😀' })).rejects.toMatchObject({
      code: 'JX_CHARSET_UNENCODABLE',
    });
  });
});
