import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';
import { rawRequest } from './raw-http.test-helper.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  const flow = fixture('webhook');
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const version = await t.api('POST', `/api/flows/${flow.id}/versions`, {});
  expect(
    (await t.api('POST', `/api/flows/${flow.id}/deploy`, { version: version.json.version })).status,
  ).toBe(200);
});
afterAll(async () => t.close());

const coded = (code: string) => ({
  error: { code, message: expect.stringMatching(/\w+ \w+/), details: expect.any(Object) },
});

/** A POST to the deployed webhook with a JSON body, closed after the answer. */
function postJson(path: string, body: string, type = 'application/json'): string {
  return (
    `POST ${path} HTTP/1.1\r\nHost: test\r\nContent-Type: ${type}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

describe('every error is coded, however broken the request', () => {
  it('refuses numbers beyond a double (1e999) at parse time with 400, on hooks, callbacks and the API', async () => {
    for (const body of ['1e999', '{"order":{"total":-1E+999}}', `[${'9'.repeat(400)}]`]) {
      const answer = await rawRequest(t.url, postJson('/hooks/orders', body));
      expect(answer.status, body).toBe(400);
      expect(answer.json).toMatchObject(coded('JX_JSON_NUMBER_OUT_OF_RANGE'));
    }
    const nested = await rawRequest(t.url, postJson('/hooks/orders', '{"order":{"total":-1E+999}}'));
    expect(nested.json.error.details.pointer).toBe('/order/total');
    const callback = await rawRequest(t.url, postJson('/callbacks/any', '{"a":1e999}', 'text/plain'));
    expect(callback.json).toMatchObject(coded('JX_JSON_NUMBER_OUT_OF_RANGE'));
    // Large but finite numbers and "e999" inside strings are fine.
    const fine = await rawRequest(t.url, postJson('/hooks/orders', '{"order":{"n":1e300,"s":"1e999"}}'));
    expect(fine.status).toBe(200);
    expect(fine.json.order).toEqual({ n: 1e300, s: '1e999' });
  });

  it('answers headers over 16 KB with 431 JX_HEADERS_TOO_LARGE and a huge URL with 414', async () => {
    const big = await rawRequest(
      t.url,
      `GET /hooks/orders HTTP/1.1\r\nHost: test\r\nX-Big: ${'a'.repeat(17_000)}\r\nConnection: close\r\n\r\n`,
    );
    expect(big.status).toBe(431);
    expect(big.json).toMatchObject(coded('JX_HEADERS_TOO_LARGE'));
    const url = await rawRequest(
      t.url,
      `GET /hooks/orders?q=${'a'.repeat(70_000)} HTTP/1.1\r\nHost: test\r\n\r\n`,
    );
    expect(url.status).toBe(414);
    expect(url.json).toMatchObject(coded('JX_URI_TOO_LONG'));
  });

  it('answers a query string that is not UTF-8 (%ff) or badly encoded (%zz) with 400 JX_BAD_URL', async () => {
    for (const query of ['a=%ff', 'a=%zz', '%E0%A4%A=1']) {
      const answer = await rawRequest(t.url, postJson(`/hooks/orders?${query}`, '{}'));
      expect(answer.status, query).toBe(400);
      expect(answer.json).toMatchObject(coded('JX_BAD_URL'));
    }
    const fine = await rawRequest(t.url, postJson('/hooks/orders?a=%E2%82%AC&b=x+y', '{"order":1}'));
    expect(fine.status).toBe(200);
  });

  it('answers raw non-UTF-8 bytes and garbage that Node cannot parse with a coded 400', async () => {
    const bytes = Buffer.concat([
      Buffer.from('GET /hooks/orders?a='),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n'),
    ]);
    for (const request of [
      bytes,
      'BLAH\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: test\r\nContent-Length: x\r\n\r\n',
    ]) {
      const answer = await rawRequest(t.url, request);
      expect(answer.status).toBe(400);
      expect(answer.json?.error?.code).toMatch(/^JX_(BAD_HTTP_REQUEST|BAD_URL)$/);
      expect(answer.json).toMatchObject({
        error: { message: expect.any(String), details: expect.any(Object) },
      });
    }
  });

  it('answers HTTP/1.1 without Host with 400 JX_HOST_REQUIRED, and serves HTTP/1.0 without one', async () => {
    const noHost = await rawRequest(t.url, 'GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(noHost.status).toBe(400);
    expect(noHost.json).toMatchObject(coded('JX_HOST_REQUIRED'));
    const old = await rawRequest(t.url, 'GET /hooks/orders HTTP/1.0\r\n\r\n');
    expect(old.status).toBe(405);
    expect(old.json).toMatchObject(coded('JX_WEBHOOK_METHOD_NOT_ALLOWED'));
  });

  it('keeps invalid JSON, an empty JSON body and other content types coded or accepted', async () => {
    const bad = await rawRequest(t.url, postJson('/hooks/orders', '{a:'));
    expect(bad.json).toMatchObject(coded('JX_BAD_JSON'));
    const empty = await rawRequest(t.url, postJson('/hooks/orders', ''));
    expect(empty.status).toBe(200);
    const api = await rawRequest(t.url, postJson('/api/flows', 'x', 'application/x-bogus'));
    expect(api.json?.error?.code).toMatch(/^JX_/);
  });
});
