import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeSignature } from './signature-engine.ts';
import { cardPlatformSpec, SIGNATURE_DEFAULTS, type SignatureSpec } from './signature-spec.ts';

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
};
const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');
const spec = (overrides: Partial<SignatureSpec>): SignatureSpec => ({ ...SIGNATURE_DEFAULTS, ...overrides });

describe('computeSignature', () => {
  it('signs the public SDK callback to its known answer (card-platform preset)', async () => {
    expect((await computeSignature(cardPlatformSpec(), SECRET, CALLBACK)).signature).toBe(
      '35d1c3403c42d2df58ed4e37991deee3',
    );
  });

  it('ignores the sign field and the key order in the card-platform scheme', async () => {
    const reordered = Object.fromEntries(Object.entries(CALLBACK).reverse());
    const withSign = { ...reordered, sign: 'whatever' };
    expect((await computeSignature(cardPlatformSpec(), SECRET, withSign)).signature).toBe(
      '35d1c3403c42d2df58ed4e37991deee3',
    );
  });

  it('leaves "/" and non-ASCII unescaped before sorting characters', async () => {
    const { canonical } = await computeSignature(cardPlatformSpec(), 's', { u: 'a/é' });
    expect(canonical).toBe(`${'{"u":"a/é"}'.split('').sort().join('')}s`);
  });

  const params = { b: '2', a: 'x y', c: '', n: null, o: { z: 1 } };

  it('joins k=v& pairs sorted by key and appends the secret by default', async () => {
    const { canonical, signature } = await computeSignature(spec({}), 'S', params);
    expect(canonical).toBe('a=x y&b=2&c=&n=&o={"z":1}S');
    expect(signature).toBe(md5(canonical));
  });

  it('keeps the given order with sort "none" and the listed order with "listed"', async () => {
    expect((await computeSignature(spec({ sort: 'none', append: [] }), 'S', params)).canonical).toBe(
      'b=2&a=x y&c=&n=&o={"z":1}',
    );
    const listed = spec({ sort: 'listed', signedFields: ['o', 'b', 'missing'], append: [] });
    expect((await computeSignature(listed, 'S', params)).canonical).toBe('o={"z":1}&b=2');
  });

  it('signs only the listed fields, still sorted by key', async () => {
    const listed = spec({ signedFields: ['b', 'a'], append: [] });
    expect((await computeSignature(listed, 'S', params)).canonical).toBe('a=x y&b=2');
  });

  it('skips empty values when asked', async () => {
    expect((await computeSignature(spec({ excludeEmpty: true, append: [] }), 'S', params)).canonical).toBe(
      'a=x y&b=2&o={"z":1}',
    );
  });

  it('joins kv pairs without separators', async () => {
    expect(
      (await computeSignature(spec({ join: 'concat', append: [] }), 'S', { b: 2, a: true })).canonical,
    ).toBe('atrueb2');
  });

  it('prepends and appends the secret, "&key=" and the timestamp', async () => {
    const withTs = { a: '1', ts: '1700000000' };
    const both = spec({ join: 'concat', prepend: ['secret'], append: ['secret'], timestampField: 'ts' });
    expect((await computeSignature(both, 'S', withTs)).canonical).toBe('Sa1ts1700000000S');
    expect((await computeSignature(spec({ append: ['key-secret'] }), 'S', { a: '1' })).canonical).toBe(
      'a=1&key=S',
    );
    expect(
      (await computeSignature(spec({ prepend: ['key-secret'], append: [] }), 'S', { a: '1' })).canonical,
    ).toBe('key=S&a=1');
    const ts = spec({ prepend: ['timestamp'], append: [], timestampField: 'ts', signedFields: ['a'] });
    expect((await computeSignature(ts, 'S', withTs)).canonical).toBe('1700000000a=1');
  });

  it('uses a given timestamp for raw bodies', async () => {
    const raw = spec({ prepend: ['timestamp'], append: ['secret'], timestampField: 'ts' });
    expect((await computeSignature(raw, 'S', '{"raw":true}', '17')).canonical).toBe('17{"raw":true}S');
  });

  it.each([
    ['md5', 'hex-lower', (t: string) => createHash('md5').update(t).digest('hex')],
    ['sha1', 'hex-lower', (t: string) => createHash('sha1').update(t).digest('hex')],
    ['sha256', 'hex-upper', (t: string) => createHash('sha256').update(t).digest('hex').toUpperCase()],
    ['hmac-sha1', 'hex-lower', (t: string) => createHmac('sha1', 'S').update(t).digest('hex')],
    ['hmac-sha256', 'base64', (t: string) => createHmac('sha256', 'S').update(t).digest('base64')],
  ] as const)('hashes with %s encoded as %s', async (hash, encoding, expected) => {
    const { canonical, signature } = await computeSignature(spec({ hash, encoding }), 'S', { a: '1' });
    expect(canonical).toBe('a=1S');
    expect(signature).toBe(expected(canonical));
  });
});
