import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { formatForm, parseForm } from '../index.ts';

describe('form bodies in a charset', () => {
  it('reads percent-escapes as bytes of the charset (GBK), and raw GBK bytes too', () => {
    expect(parseForm(Buffer.from('msg=%B3%C9%B9%A6+ok&n=1'), 'gbk')).toEqual({ msg: '成功 ok', n: '1' });
    const raw = Buffer.concat([
      Buffer.from('msg='),
      iconv.encode('成功', 'gbk'),
      Buffer.from('&empty=&flag'),
    ]);
    expect(parseForm(raw, 'gbk')).toEqual({ msg: '成功', empty: '', flag: '' });
  });

  it('reads UTF-8 forms like URLSearchParams', () => {
    const text = 'a=%E6%88%90%E5%8A%9F&b=x+y&a=2';
    expect(parseForm(Buffer.from(text))).toEqual(Object.fromEntries(new URLSearchParams(text)));
  });

  it('refuses escapes that are not valid in the charset, naming the offset within the value', () => {
    expect(() => parseForm(Buffer.from('msg=%B3%C9%B9%A6'), 'utf-8', { what: 'the webhook body' })).toThrow(
      expect.objectContaining({ code: 'JX_BODY_MALFORMED', details: expect.objectContaining({ offset: 0 }) }),
    );
  });

  it('writes GBK escapes and round-trips', () => {
    const text = formatForm({ msg: '成功 ok', n: 1, nested: { a: 1 }, none: null }, 'gbk');
    expect(text).toBe('msg=%B3%C9%B9%A6+ok&n=1&nested=%7B%22a%22%3A1%7D&none=');
    expect(parseForm(Buffer.from(text), 'gbk')).toEqual({
      msg: '成功 ok',
      n: '1',
      nested: '{"a":1}',
      none: '',
    });
    expect(formatForm({ a: 'x y' })).toBe('a=x+y');
  });
});
