import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { toAcknowledgement } from './acknowledgement.ts';

describe('toAcknowledgement', () => {
  it('answers text, JSON and a status as before', () => {
    expect(toAcknowledgement('success')).toMatchObject({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
    });
    expect(toAcknowledgement('success').body.toString()).toBe('success');
    const json = toAcknowledgement({ status: 201, body: { code: 0 } });
    expect(json).toMatchObject({ status: 201, contentType: 'application/json' });
    expect(json.body.toString()).toBe('{"code":0}');
  });

  it('writes the real WeChat Pay acknowledgement as XML with CDATA strings', () => {
    const ack = toAcknowledgement({ format: 'xml', body: { return_code: 'SUCCESS', return_msg: 'OK' } });
    expect(ack.contentType).toBe('application/xml');
    expect(ack.body.toString()).toBe(
      '<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>',
    );
    const rooted = toAcknowledgement({ format: 'xml', root: 'response', body: { code: 0 } });
    expect(rooted.body.toString()).toBe('<response><code>0</code></response>');
  });

  it('encodes any answer in its charset and names it in the Content-Type', () => {
    const text = toAcknowledgement({ body: '成功', charset: 'gbk' });
    expect(text.contentType).toBe('text/plain; charset=gbk');
    expect(text.body.equals(iconv.encode('成功', 'gbk'))).toBe(true);
    const json = toAcknowledgement({
      body: { msg: '成功' },
      charset: 'gb18030',
      contentType: 'application/json; charset=utf-8',
    });
    expect(json.contentType).toBe('application/json; charset=gb18030');
    expect(json.body.equals(iconv.encode('{"msg":"成功"}', 'gb18030'))).toBe(true);
  });
});
