import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildGatewayRequest,
  callGateway,
  GATEWAY_ERRORS,
  type ProductView,
  type SandboxHandle,
  signPayload,
  signString,
  startSandbox,
  type WireFormat,
} from '../index.ts';

// The gateway speaking legacy over real HTTP: GBK bytes, XML documents, and signatures over the
// bytes in the charset of the message. The answers are read here with TextDecoder and
// fast-xml-parser directly, not with the sandbox's own decoder.

let sandbox: SandboxHandle;
const creds = () => ({ appKey: sandbox.appKey, appSecret: sandbox.appSecret });
const QQ_CARD = { product_id: '10000003' }; // 腾讯Q币卡 10元
const xml = new XMLParser({ parseTagValue: false });

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, timeFactor: 0.001 });
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

async function post(body: Uint8Array | string, contentType: string) {
  const response = await fetch(sandbox.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return {
    contentType: response.headers.get('content-type'),
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

const utf8Json = (request: object) => post(JSON.stringify(request), 'application/json');

/** A request written as a flat `<xml>` document in `charset`, by hand. */
function xmlRequest(fields: Record<string, string>, charset: 'utf-8' | 'gbk'): Buffer {
  const children = Object.entries(fields)
    .map(([name, value]) => `<${name}><![CDATA[${value}]]></${name}>`)
    .join('');
  return iconv.encode(`<xml>${children}</xml>`, charset);
}

describe('answers in GBK', () => {
  it('sends the Chinese product name as GBK bytes, signed over the GBK bytes of the result', async () => {
    sandbox.setWireFormat({ charset: 'gbk' });
    const { contentType, bytes } = await utf8Json(buildGatewayRequest(creds(), 'goods.info.get', QQ_CARD));
    expect(contentType).toBe('application/json; charset=GBK');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const answer = JSON.parse(new TextDecoder('gbk', { fatal: true }).decode(bytes));
    expect(answer.code).toBe(0);
    expect((JSON.parse(answer.result) as ProductView).product_name).toBe('腾讯Q币卡 10元');

    // MD5 over the GBK bytes of sorted(result) + secret, computed here by hand.
    const canonical =
      Array.from(answer.result as string)
        .sort()
        .join('') + sandbox.appSecret;
    const overGbk = createHash('md5').update(iconv.encode(canonical, 'gbk')).digest('hex');
    expect(answer.sign).toBe(overGbk);
    expect(answer.sign).not.toBe(createHash('md5').update(canonical, 'utf8').digest('hex'));
    expect(answer.sign).not.toBe(signString(answer.result, sandbox.appSecret));
  });

  it('reads the answer back through callGateway, which verifies it in GBK', async () => {
    sandbox.setWireFormat({ charset: 'gbk' });
    const { code, result, answeredIn } = await callGateway<ProductView>(
      sandbox.gatewayUrl,
      creds(),
      'goods.info.get',
      QQ_CARD,
    );
    expect(code).toBe(0);
    expect(answeredIn).toEqual({ format: 'json', charset: 'gbk' });
    expect(result!.product_name).toBe('腾讯Q币卡 10元');
  });
});

describe('answers in XML', () => {
  it('answers an <xml> document: numbers as text, strings as CDATA', async () => {
    sandbox.setWireFormat({ format: 'xml' });
    const { contentType, bytes } = await utf8Json(buildGatewayRequest(creds(), 'goods.info.get', QQ_CARD));
    expect(contentType).toBe('text/xml; charset=utf-8');
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(text).toMatch(/^<xml><code>0<\/code><message><!\[CDATA\[ok\]\]><\/message><result><!\[CDATA\[\{/);
    const { xml: answer } = xml.parse(text);
    expect(answer.code).toBe('0');
    expect(JSON.parse(answer.result).product_name).toBe('腾讯Q币卡 10元');
    expect(answer.sign).toBe(signString(answer.result, sandbox.appSecret));
  });

  it('answers GBK XML to a GBK XML request signed over GBK bytes, and refuses it signed over UTF-8', async () => {
    const wire: WireFormat = { charset: 'gbk', format: 'xml' };
    sandbox.setWireFormat(wire);
    // A Chinese search term puts Chinese into the string to sign.
    const biz = { product_name: '腾讯' };
    const request = buildGatewayRequest(creds(), 'goods.list.get', biz, new Date(), wire);
    const sent = await post(xmlRequest({ ...request }, 'gbk'), 'text/xml; charset=GBK');
    expect(sent.contentType).toBe('text/xml; charset=GBK');
    const { xml: answer } = xml.parse(new TextDecoder('gbk', { fatal: true }).decode(sent.bytes));
    expect(answer.code).toBe('0');
    const names = (JSON.parse(answer.result) as ProductView[]).map((product) => product.product_name);
    expect(names).toContain('腾讯Q币卡 10元');
    expect(names.every((name) => name.includes('腾讯'))).toBe(true);
    const canonical =
      Array.from(answer.result as string)
        .sort()
        .join('') + sandbox.appSecret;
    expect(answer.sign).toBe(createHash('md5').update(iconv.encode(canonical, 'gbk')).digest('hex'));

    const overUtf8 = { ...request, sign: signPayload({ ...request }, sandbox.appSecret, 'utf-8') };
    expect(overUtf8.sign).not.toBe(request.sign);
    const refused = await post(xmlRequest(overUtf8, 'gbk'), 'text/xml; charset=GBK');
    const { xml: refusal } = xml.parse(new TextDecoder('gbk').decode(refused.bytes));
    expect(refusal.code).toBe(String(GATEWAY_ERRORS.badSignature.code));
  });

  it('round-trips through callGateway in GBK XML', async () => {
    const wire: WireFormat = { charset: 'gbk', format: 'xml' };
    sandbox.setWireFormat(wire);
    const { code, result, answeredIn } = await callGateway<ProductView[]>(
      sandbox.gatewayUrl,
      creds(),
      'goods.list.get',
      { product_name: '话费' },
      { wire },
    );
    expect(code).toBe(0);
    expect(answeredIn).toEqual({ format: 'xml', charset: 'gbk' });
    expect(result!.every((product) => product.product_name.includes('话费'))).toBe(true);
  });
});

describe('legacy requests that cannot be read', () => {
  const codeOf = async (body: Uint8Array | string, contentType: string) =>
    JSON.parse(new TextDecoder().decode((await post(body, contentType)).bytes)) as {
      code: number;
      message: string;
    };

  it('refuses an unknown charset (1002) and bytes that are not GBK (1000, with the offset)', async () => {
    const request = JSON.stringify(buildGatewayRequest(creds(), 'user.info.get'));
    const unknown = await codeOf(request, 'application/json; charset=x-unknown-9');
    expect(unknown.code).toBe(GATEWAY_ERRORS.invalidParameter.code);
    expect(unknown.message).toContain('x-unknown-9');
    // 0x81 0x20 is a GBK lead byte followed by a byte that cannot trail it.
    const bad = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0x81, 0x20]), Buffer.from('"}')]);
    const undecodable = await codeOf(bad, 'application/json; charset=GBK');
    expect(undecodable.code).toBe(GATEWAY_ERRORS.malformedRequest.code);
    expect(undecodable.message).toBe('The request body is not valid gbk: bad bytes at offset 6.');
  });

  it('refuses malformed XML with its position, and any DOCTYPE (no entity is ever expanded)', async () => {
    const broken = await codeOf('<xml><app_key>x</xml>', 'text/xml');
    expect(broken.code).toBe(GATEWAY_ERRORS.malformedRequest.code);
    expect(broken.message).toMatch(/line 1, column \d+/);
    const laughs =
      '<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><xml><app_key>&b;</app_key></xml>';
    const doctype = await codeOf(laughs, 'application/xml');
    expect(doctype.code).toBe(GATEWAY_ERRORS.malformedRequest.code);
    expect(doctype.message).toContain('DOCTYPE');
  });

  it('refuses a charset or format field that is not the one the body came in (1002)', async () => {
    const sayGbk = buildGatewayRequest(creds(), 'user.info.get', {}, new Date(), {
      charset: 'gbk',
      format: 'json',
    });
    const mislabelled = await codeOf(JSON.stringify(sayGbk), 'application/json; charset=utf-8');
    expect(mislabelled.code).toBe(GATEWAY_ERRORS.invalidParameter.code);
    expect(mislabelled.message).toContain('charset must be "utf-8"');
    const sayXml = buildGatewayRequest(creds(), 'user.info.get', {}, new Date(), {
      charset: 'utf-8',
      format: 'xml',
    });
    expect((await codeOf(JSON.stringify(sayXml), 'application/json')).code).toBe(
      GATEWAY_ERRORS.invalidParameter.code,
    );
  });
});

describe('the default stays UTF-8 JSON', () => {
  it('answers exactly JSON.stringify({code, message, result, sign}) in UTF-8', async () => {
    const { contentType, bytes } = await utf8Json(buildGatewayRequest(creds(), 'goods.info.get', QQ_CARD));
    expect(contentType).toBe('application/json; charset=utf-8');
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const answer = JSON.parse(text);
    expect(text).toBe(JSON.stringify({ code: 0, message: 'ok', result: answer.result, sign: answer.sign }));
    expect(answer.sign).toBe(signString(answer.result, sandbox.appSecret));
  });
});
