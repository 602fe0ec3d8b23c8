import { describe, expect, it } from 'vitest';
import { sortCharacters } from './sort-characters.ts';

const naive = (text: string): string => text.split('').sort().join('');

describe('sortCharacters', () => {
  it('sorts like split/sort/join on ASCII, CJK, astral characters and the empty string', () => {
    for (const text of [
      '',
      '{"app_key":"k","method":"goods.info.get","biz_content":"{\\"product_id\\":\\"10000489\\"}"}',
      '{"recharge_description":"充值成功","price":"50.0000"}',
      'a😀b/é\u0000~',
    ]) {
      expect(sortCharacters(text)).toBe(naive(text));
    }
  });

  it('agrees with the naive sort on random strings', () => {
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 200; round += 1) {
      const length = next() % 60;
      const text = Array.from({ length }, () =>
        String.fromCharCode(next() % 3 === 0 ? next() % 0xffff : next() % 128),
      ).join('');
      expect(sortCharacters(text)).toBe(naive(text));
    }
  });
});
