import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signPayload, signString, verifyPayload } from '../index.ts';

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

describe('signPayload', () => {
  it('signs the known callback vector', () => {
    expect(signPayload(CALLBACK, SECRET)).toBe('35d1c3403c42d2df58ed4e37991deee3');
  });

  it('ignores an existing sign field and the key order', () => {
    const reordered = Object.fromEntries(Object.entries(CALLBACK).reverse());
    expect(signPayload({ ...reordered, sign: 'whatever' }, SECRET)).toBe('35d1c3403c42d2df58ed4e37991deee3');
  });

  it('matches a plain sort of the characters for mixed and astral text', () => {
    const samples = ['', 'a/b\\"c', '充值成功 ok', 'emoji 😀 and 中文 /x', '\u00e9\u0000z'];
    for (const text of samples) {
      const naive = Array.from(text).sort().join('');
      expect(signString(text, SECRET)).toBe(
        createHash('md5')
          .update(naive + SECRET, 'utf8')
          .digest('hex'),
      );
    }
  });

  it('verifies signatures case-insensitively and rejects tampering', () => {
    const signed = { ...CALLBACK, sign: signPayload(CALLBACK, SECRET).toUpperCase() };
    expect(verifyPayload(signed, SECRET)).toBe(true);
    expect(verifyPayload({ ...signed, price: '51.0000' }, SECRET)).toBe(false);
    expect(verifyPayload(CALLBACK, SECRET)).toBe(false);
    expect(verifyPayload(signed, 'another-secret')).toBe(false);
  });
});
