import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetOf, decodeText, encodeText, isKnownCharset } from '../index.ts';
import { thrownError } from '../testing/thrown-error.ts';

describe('charsetOf', () => {
  it('reads the charset parameter of a Content-Type, quoted or not, in any case', () => {
    expect(charsetOf('application/json; charset=GBK')).toBe('gbk');
    expect(charsetOf('text/xml;charset="gb18030"')).toBe('gb18030');
    expect(charsetOf('application/x-www-form-urlencoded')).toBeUndefined();
    expect(charsetOf(undefined)).toBeUndefined();
  });
});

describe('decodeText', () => {
  it.each(['gbk', 'gb18030', 'gb2312', 'big5'])('decodes Chinese text encoded in %s', (charset) => {
    const text = charset === 'big5' ? '{"msg":"成功","shop":"臺灣"}' : '{"msg":"成功","shop":"店铺"}';
    const bytes = iconv.encode(text, charset);
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(false);
    expect(decodeText(bytes, charset)).toBe(text);
  });

  it('defaults to UTF-8 and drops a byte-order mark', () => {
    expect(decodeText(Buffer.from('\uFEFF成功', 'utf8'))).toBe('成功');
  });

  it('refuses bytes that are not valid in the charset, naming the body and the offset, never U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('{"msg":"'), iconv.encode('成功', 'gbk'), Buffer.from('"}')]);
    const error = thrownError(() => decodeText(bytes, 'utf-8', { what: 'the response body' }));
    expect(error.code).toBe('JX_BODY_MALFORMED');
    expect(error.details).toMatchObject({ charset: 'utf-8', offset: 8, retryable: false });
    expect(error.message).toMatch(/^The response body is not valid utf-8: the bytes at offset 8/);
  });

  it('finds the offset of a byte invalid in GBK', () => {
    const bytes = Buffer.concat([iconv.encode('成功', 'gbk'), Buffer.from([0x81, 0x20])]);
    expect(thrownError(() => decodeText(bytes, 'gbk')).details).toMatchObject({ charset: 'gbk', offset: 4 });
  });

  it('refuses an unknown charset with JX_UNSUPPORTED_CHARSET', () => {
    const error = thrownError(() =>
      decodeText(Buffer.from('x'), 'x-unknown-9', { what: 'the webhook body' }),
    );
    expect(error.code).toBe('JX_UNSUPPORTED_CHARSET');
    expect(error.details).toMatchObject({ charset: 'x-unknown-9', what: 'the webhook body' });
    expect(isKnownCharset('x-unknown-9')).toBe(false);
    expect(isKnownCharset('gb18030')).toBe(true);
  });
});

describe('encodeText', () => {
  it('encodes in GBK the bytes iconv-lite writes, so an MD5 over them is the GBK one', () => {
    const bytes = encodeText('商品=成功', 'gbk');
    expect(bytes.equals(iconv.encode('商品=成功', 'gbk'))).toBe(true);
    const md5 = (input: Buffer) => createHash('md5').update(input).digest('hex');
    expect(md5(bytes)).not.toBe(md5(Buffer.from('商品=成功', 'utf8')));
    expect(decodeText(bytes, 'gbk')).toBe('商品=成功');
  });

  it('refuses a character the charset lacks instead of writing "?"', () => {
    const error = thrownError(() => encodeText('ok 😀', 'gbk', { what: 'the request body' }));
    expect(error.code).toBe('JX_CHARSET_UNENCODABLE');
    expect(error.details).toMatchObject({ charset: 'gbk', index: 3 });
    expect(encodeText('ok 😀', 'gb18030').length).toBeGreaterThan(3);
  });

  it('refuses an unknown charset', () => {
    expect(thrownError(() => encodeText('x', 'x-unknown-9')).code).toBe('JX_UNSUPPORTED_CHARSET');
  });
});
