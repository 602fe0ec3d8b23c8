import { describe, expect, it } from 'vitest';
import { jsonToXml, xmlToJson } from '../index.ts';
import { thrownError } from '../testing/thrown-error.ts';

describe('xmlToJson', () => {
  it('maps a WeChat Pay v2 answer: root unwrapped, CDATA and text as strings, values as written', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<xml>
  <return_code><![CDATA[SUCCESS]]></return_code>
  <return_msg><![CDATA[成功 <ok> &amp;]]></return_msg>
  <total_fee>007</total_fee>
  <!-- a comment -->
  <empty/>
</xml>`;
    expect(xmlToJson(xml)).toEqual({
      return_code: 'SUCCESS',
      return_msg: '成功 <ok> &amp;',
      total_fee: '007',
      empty: '',
    });
  });

  it('makes repeated elements an array, attributes "@" keys and mixed text "#text"', () => {
    const xml =
      '<order id="7" note="a &amp; b"><item sku="A">1</item><item>2</item><p>x <b>y</b> z</p></order>';
    expect(xmlToJson(xml)).toEqual({
      '@id': '7',
      '@note': 'a & b',
      item: [{ '@sku': 'A', '#text': '1' }, '2'],
      p: { b: 'y', '#text': 'x  z' },
    });
  });

  it('decodes predefined entities and character references in text, keeps whitespace of a text element', () => {
    expect(xmlToJson('<a><t> &lt;&#x4E2D;&#25991;&gt; </t></a>')).toEqual({ t: ' <中文> ' });
  });

  it('refuses a DOCTYPE, so an external entity (XXE) is never read', () => {
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<xml><a>&xxe;</a></xml>';
    const error = thrownError(() => xmlToJson(xxe, { what: 'the webhook body' }));
    expect(error.code).toBe('JX_XML_DOCTYPE_REFUSED');
    expect(error.details).toMatchObject({ line: 2, column: 1, retryable: false });
    expect(JSON.stringify(error)).not.toContain('root:');
  });

  it('refuses a billion-laughs document before any expansion', () => {
    const lol = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`;
    expect(thrownError(() => xmlToJson(lol)).code).toBe('JX_XML_DOCTYPE_REFUSED');
  });

  it('does not expand an undeclared entity: it is malformed, with its position', () => {
    const error = thrownError(() => xmlToJson('<a>\n <b>&lol9;</b></a>'));
    expect(error.code).toBe('JX_XML_MALFORMED');
    expect(error.details).toMatchObject({ line: 2, column: 5 });
  });

  it('keeps a DOCTYPE written inside CDATA as text', () => {
    expect(xmlToJson('<a><![CDATA[<!DOCTYPE x>]]></a>')).toBe('<!DOCTYPE x>');
  });

  it('refuses malformed XML with line and column', () => {
    const error = thrownError(() => xmlToJson('<xml>\n  <a>1</b>\n</xml>', { what: 'the response body' }));
    expect(error.code).toBe('JX_XML_MALFORMED');
    expect(error.details).toMatchObject({ what: 'the response body', line: 2, column: 7 });
    expect(error.message).toMatch(/^The response body is not well-formed XML at line 2, column 7: /);
  });

  it('refuses a document with two roots or none', () => {
    expect(thrownError(() => xmlToJson('<a>1</a><b>2</b>')).code).toBe('JX_XML_MALFORMED');
    expect(thrownError(() => xmlToJson('')).code).toBe('JX_XML_MALFORMED');
  });
});

describe('jsonToXml', () => {
  it('writes the real WeChat acknowledgement with CDATA strings', () => {
    expect(jsonToXml({ return_code: 'SUCCESS', return_msg: 'OK' }, { cdata: true })).toBe(
      '<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>',
    );
  });

  it('escapes text, writes arrays as repeated elements, "@" keys as attributes, null as empty', () => {
    const xml = jsonToXml(
      { '@id': '7"', fee: 1, ok: true, note: 'a<b&c', item: ['x', 'y'], none: null },
      { root: 'order' },
    );
    expect(xml).toBe(
      '<order id="7&quot;"><fee>1</fee><ok>true</ok><note>a&lt;b&amp;c</note><item>x</item><item>y</item><none/></order>',
    );
  });

  it('round-trips through xmlToJson, CDATA terminators included', () => {
    const value = { a: 'x]]>y', b: ['1', '2'], c: { '@k': 'v', '#text': 'hi' } };
    expect(xmlToJson(jsonToXml(value, { cdata: true }))).toEqual(value);
    expect(xmlToJson(jsonToXml(value))).toEqual(value);
  });

  it('writes a declaration when asked', () => {
    expect(jsonToXml({ a: '1' }, { declaration: 'GBK' })).toBe(
      '<?xml version="1.0" encoding="GBK"?><xml><a>1</a></xml>',
    );
  });

  it('refuses keys that are not XML names and an array as the document', () => {
    expect(thrownError(() => jsonToXml({ 'a b': 1 })).code).toBe('JX_XML_UNREPRESENTABLE');
    expect(thrownError(() => jsonToXml([1])).code).toBe('JX_XML_UNREPRESENTABLE');
  });
});
