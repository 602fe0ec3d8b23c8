import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngine, createMemoryStore, type FlowDocument, type NodeOutputs } from '@junction/runtime';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../registry/create-builtin-registry.ts';
import { createTestContext } from '../../testing/create-test-context.ts';
import { loopbackEgress } from '../../testing/loopback-egress.ts';
import { runWithEgressPolicy } from '../egress/egress-scope.ts';
import { type HttpRequestConfig, httpRequestNode } from './v1.ts';

// A supplier that speaks GBK and XML, over real HTTP: what each case of issue 24 sends.
const WECHAT =
  '<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[成功]]></return_msg><total_fee>007</total_fee></xml>';
const answers: Record<string, { type: string; bytes: Buffer }> = {
  '/gbk-json': { type: 'application/json; charset=GBK', bytes: iconv.encode('{"msg":"成功"}', 'gbk') },
  '/mislabelled': { type: 'application/json; charset=utf-8', bytes: iconv.encode('{"msg":"成功"}', 'gbk') },
  '/xml': { type: 'text/xml', bytes: Buffer.from(WECHAT) },
  '/gbk-xml': { type: 'application/xml; charset=gb18030', bytes: iconv.encode(WECHAT, 'gb18030') },
  '/broken-xml': { type: 'text/xml', bytes: Buffer.from('<xml>\n<a>1</b></xml>') },
  '/unknown': { type: 'text/plain; charset=x-unknown-9', bytes: Buffer.from('hi') },
  '/big5': { type: 'text/plain; charset=big5', bytes: iconv.encode('臺灣成功', 'big5') },
};
const received: { headers: IncomingMessage['headers']; bytes: Buffer }[] = [];
let hits: Record<string, number> = {};
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, bytes: Buffer.concat(chunks) });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      hits[path] = (hits[path] ?? 0) + 1;
      const answer = answers[path] ?? { type: 'text/plain', bytes: Buffer.from('ok') };
      res.setHeader('content-type', answer.type);
      res.end(answer.bytes);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function run(config: HttpRequestConfig) {
  const { ctx } = createTestContext<HttpRequestConfig>({ config });
  return (await runWithEgressPolicy(loopbackEgress, () => httpRequestNode.run(ctx))) as NodeOutputs;
}

async function failure(config: HttpRequestConfig) {
  return run(config).then(
    () => {
      throw new Error('expected the node to fail');
    },
    (error: { code: string; details: Record<string, unknown>; message: string }) => error,
  );
}

describe('http.request with legacy charsets and XML', () => {
  it('decodes a JSON answer in the charset its Content-Type names (GBK)', async () => {
    expect((await run({ url: `${base}/gbk-json` })).out).toMatchObject({ body: { msg: '成功' } });
  });

  it('decodes Big5 text', async () => {
    expect((await run({ url: `${base}/big5` })).out).toMatchObject({ body: '臺灣成功' });
  });

  it('fails on GBK bytes labelled UTF-8 with a coded, non-retryable error naming the offset; the override reads them', async () => {
    const error = await failure({ url: `${base}/mislabelled` });
    expect(error.code).toBe('JX_BODY_MALFORMED');
    expect(error.details).toMatchObject({
      what: 'the response body',
      charset: 'utf-8',
      offset: 8,
      retryable: false,
    });
    expect(JSON.stringify(error)).not.toContain('\uFFFD');
    const fixed = await run({ url: `${base}/mislabelled`, responseCharset: 'gbk' });
    expect(fixed.out).toMatchObject({ body: { msg: '成功' } });
  });

  it('parses text/xml in auto mode and GB18030 XML by the mapping', async () => {
    const expected = { return_code: 'SUCCESS', return_msg: '成功', total_fee: '007' };
    expect((await run({ url: `${base}/xml` })).out).toMatchObject({ body: expected });
    expect((await run({ url: `${base}/gbk-xml`, responseType: 'xml' })).out).toMatchObject({
      body: expected,
    });
    expect((await run({ url: `${base}/xml`, responseType: 'text' })).out).toMatchObject({ body: WECHAT });
  });

  it('fails on malformed XML with line and column, and on an unknown charset', async () => {
    const error = await failure({ url: `${base}/broken-xml` });
    expect(error.code).toBe('JX_XML_MALFORMED');
    expect(error.details).toMatchObject({ what: 'the response body', line: 2, retryable: false });
    expect((await failure({ url: `${base}/unknown` })).code).toBe('JX_UNSUPPORTED_CHARSET');
  });

  it('refuses an unknown request or response charset before sending', async () => {
    const before = received.length;
    const error = await failure({ url: `${base}/x`, responseCharset: 'x-unknown-9' });
    expect(error.code).toBe('JX_UNSUPPORTED_CHARSET');
    expect(received.length).toBe(before);
  });

  it('sends JSON, form, XML and raw bodies in GBK with the charset in the Content-Type', async () => {
    const post = (bodyType: HttpRequestConfig['bodyType'], body: HttpRequestConfig['body'], extra = {}) =>
      run({ method: 'POST', url: `${base}/echo`, bodyType, body, requestCharset: 'gbk', ...extra });
    await post('json', { msg: '成功' });
    expect(received.at(-1)!.headers['content-type']).toBe('application/json; charset=gbk');
    expect(received.at(-1)!.bytes.equals(iconv.encode('{"msg":"成功"}', 'gbk'))).toBe(true);
    await post('form', { msg: '成功 ok', n: 1 });
    expect(received.at(-1)!.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=gbk');
    expect(received.at(-1)!.bytes.toString('latin1')).toBe('msg=%B3%C9%B9%A6+ok&n=1');
    await post('xml', { return_code: 'SUCCESS', msg: '成功', fee: 1 }, { xmlCdata: true, xmlRoot: 'xml' });
    expect(received.at(-1)!.headers['content-type']).toBe('application/xml; charset=gbk');
    const xml =
      '<xml><return_code><![CDATA[SUCCESS]]></return_code><msg><![CDATA[成功]]></msg><fee>1</fee></xml>';
    expect(received.at(-1)!.bytes.equals(iconv.encode(xml, 'gbk'))).toBe(true);
    await post('raw', '成功', { contentType: 'text/plain; charset=utf-8' });
    expect(received.at(-1)!.headers['content-type']).toBe('text/plain; charset=gbk');
    expect(received.at(-1)!.bytes.equals(iconv.encode('成功', 'gbk'))).toBe(true);
  });

  it('sends an XML body in UTF-8 under the default root', async () => {
    await run({ method: 'POST', url: `${base}/echo`, bodyType: 'xml', body: { a: '<成>' } });
    expect(received.at(-1)!.headers['content-type']).toBe('application/xml');
    expect(received.at(-1)!.bytes.toString('utf8')).toBe('<xml><a>&lt;成&gt;</a></xml>');
  });

  it('refuses a character GBK cannot hold instead of sending "?"', async () => {
    const before = received.length;
    const error = await failure({
      method: 'POST',
      url: `${base}/echo`,
      bodyType: 'json',
      body: { msg: '😀' },
      requestCharset: 'gbk',
    });
    expect(error.code).toBe('JX_CHARSET_UNENCODABLE');
    expect(received.length).toBe(before);
  });
});

describe('legacy wire errors in a run', () => {
  it('fail the node once, coded and not retried, naming the body and position', async () => {
    const flow = JSON.parse(
      readFileSync(new URL('./fixtures/legacy-wire-run.json', import.meta.url), 'utf8'),
    ) as FlowDocument;
    const engine = createEngine({
      store: createMemoryStore(),
      registry: createBuiltinRegistry({ egress: loopbackEgress }),
    });
    try {
      hits = {};
      for (const [path, code, detail] of [
        ['/mislabelled', 'JX_BODY_MALFORMED', { offset: 8 }],
        ['/broken-xml', 'JX_XML_MALFORMED', { line: 2 }],
        ['/unknown', 'JX_UNSUPPORTED_CHARSET', { charset: 'x-unknown-9' }],
      ] as const) {
        const handle = await engine.start(flow, { input: { url: `${base}${path}`, responseType: 'auto' } });
        const result = await handle.done;
        expect(result).toMatchObject({
          status: 'failed',
          error: { code, details: { ...detail, retryable: false } },
        });
        expect(result.error?.message).toMatch(/^The response body /);
        expect(hits[path]).toBe(1);
      }
    } finally {
      await engine.stop();
    }
  });
});
