import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeOutputs, ResolvedCredential } from '@junction/runtime';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { loopbackEgress } from '../../testing/loopback-egress.ts';
import { runWithEgressPolicy } from '../egress/egress-scope.ts';
import { type HttpRequestConfig, httpRequestNode } from './v1.ts';

// A supplier that signs GBK bytes (its credential says charset gbk) and answers, over real HTTP, in
// GBK without a charset, in GBK labelled UTF-8, in real UTF-8 labelled so, and in Big5 labelled so.
const GBK = iconv.encode('{"msg":"成功"}', 'gbk');
const answers: Record<string, { type: string; bytes: Buffer }> = {
  '/unlabelled': { type: 'application/json', bytes: GBK },
  '/mislabelled': { type: 'application/json; charset=utf-8', bytes: GBK },
  '/utf8': { type: 'application/json; charset=utf-8', bytes: Buffer.from('{"msg":"成功"}') },
  '/big5': { type: 'text/plain; charset=big5', bytes: iconv.encode('臺灣成功', 'big5') },
  '/not-gbk': { type: 'application/json', bytes: Buffer.from([0x7b, 0x22, 0x81, 0x22, 0x7d]) },
};
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = answers[new URL(req.url ?? '/', 'http://x').pathname] as (typeof answers)[string];
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

const signature = (charset: string): ResolvedCredential => ({
  id: 'supplier',
  kind: 'signature',
  data: { secret: 's3cret', charset, placement: 'header', signatureField: 'X-Sign' },
  allowedHosts: ['127.0.0.1'],
});

async function run(config: HttpRequestConfig, credential?: ResolvedCredential) {
  const { ctx } = createTestContext<HttpRequestConfig>({
    config,
    ...(credential ? { credentials: { auth: credential } } : {}),
  });
  return (await runWithEgressPolicy(loopbackEgress, () => httpRequestNode.run(ctx))) as NodeOutputs;
}

const failure = (config: HttpRequestConfig, credential?: ResolvedCredential) =>
  run(config, credential).then(
    () => {
      throw new Error('expected the node to fail');
    },
    (error: { code: string; details: Record<string, unknown> }) => error,
  );

describe("http.request reads a response in the signing credential's charset", () => {
  it('where the Content-Type names no charset (UTF-8 without the credential)', async () => {
    expect((await run({ url: `${base}/unlabelled` }, signature('gbk'))).out).toMatchObject({
      body: { msg: '成功' },
    });
    const error = await failure({ url: `${base}/unlabelled` });
    expect(error).toMatchObject({ code: 'JX_BODY_MALFORMED', details: { charset: 'utf-8', offset: 8 } });
  });

  it('where GBK bytes are labelled UTF-8, while real UTF-8 labelled so stays UTF-8', async () => {
    expect((await run({ url: `${base}/mislabelled` }, signature('gbk'))).out).toMatchObject({
      body: { msg: '成功' },
    });
    expect((await run({ url: `${base}/utf8` }, signature('gbk'))).out).toMatchObject({
      body: { msg: '成功' },
    });
  });

  it("never over a charset the Content-Type names, and never over the node's setting", async () => {
    expect((await run({ url: `${base}/big5` }, signature('gbk'))).out).toMatchObject({ body: '臺灣成功' });
    // The node's response charset wins: GBK bytes read as UTF-8 fail, coded, instead of the credential's gbk.
    const error = await failure({ url: `${base}/unlabelled`, responseCharset: 'utf-8' }, signature('gbk'));
    expect(error.code).toBe('JX_BODY_MALFORMED');
    expect(error.details).toMatchObject({ charset: 'utf-8', offset: 8 });
  });

  it("fails, coded and naming the credential's charset, on bytes invalid in it too", async () => {
    const error = await failure({ url: `${base}/not-gbk` }, signature('gbk'));
    expect(error).toMatchObject({
      code: 'JX_BODY_MALFORMED',
      details: { what: 'the response body', charset: 'gbk', offset: 2, retryable: false },
    });
  });
});
