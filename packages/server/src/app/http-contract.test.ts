import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  const flow = fixture('hello');
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
});
afterAll(async () => t.close());

const errorShape = {
  error: { code: expect.stringMatching(/^JX_/), message: expect.any(String), details: {} },
};

describe('the HTTP contract', () => {
  it("answers router errors in Junction's shape: long ids 400, over-long path segments 414", async () => {
    const long = await t.api('GET', `/api/flows/${'x'.repeat(300)}`);
    expect(long.status).toBe(400);
    expect(long.json.error.code).toBe('JX_BAD_REQUEST');
    const tooLong = await t.api('GET', `/api/flows/${'x'.repeat(600)}`);
    expect(tooLong.status).toBe(414);
    expect(tooLong.json).toMatchObject(errorShape);
    expect(tooLong.json.error.code).toBe('JX_URI_TOO_LONG');
    const badUrl = await t.api('GET', '/api/flows/%E0%A4%A');
    expect(badUrl.status).toBe(400);
    expect(badUrl.json.error.code).toMatch(/^JX_/);
  });

  it('refuses non-JSON bodies on the API with 415', async () => {
    const flow = JSON.stringify(fixture('hello'));
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const response = await t.api('PUT', '/api/flows/hello', undefined, {
        headers: { 'content-type': type },
        raw: type.includes('form') ? 'schemaVersion=1&id=hello' : flow,
      });
      expect(response.status, type).toBe(415);
      expect(response.json.error.code).toBe('JX_UNSUPPORTED_MEDIA_TYPE');
      expect(response.json.error.message).toContain('application/json');
    }
  });

  it('answers 405 with Allow for a known path asked with the wrong method', async () => {
    const patch = await t.api('PATCH', '/api/flows/hello', {});
    expect(patch.status).toBe(405);
    expect(patch.json.error.code).toBe('JX_METHOD_NOT_ALLOWED');
    expect(patch.headers.get('allow')).toContain('PUT');
    expect(patch.headers.get('allow')).toContain('GET');
    const callback = await t.api('GET', '/callbacks/card-platform', undefined, { token: null });
    expect(callback.status).toBe(405);
    expect(callback.headers.get('allow')).toBe('POST');
    expect((await t.api('GET', '/api/no-such-thing')).status).toBe(404);
  });

  it('refuses deeply nested JSON with 400 JX_JSON_TOO_DEEP before anything runs', async () => {
    const arrays = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    let objects = '1';
    for (let i = 0; i < 5000; i++) objects = `{"a":${objects}}`;
    for (const [path, raw] of [
      ['/hooks/anything', arrays],
      ['/hooks/anything', objects],
      ['/callbacks/anything', objects],
      ['/api/flows/hello', objects],
    ] as const) {
      const response = await t.api(path.startsWith('/api') ? 'PUT' : 'POST', path, undefined, {
        headers: { 'content-type': 'application/json' },
        raw,
      });
      expect(response.status, path).toBe(400);
      expect(response.json.error.code).toBe('JX_JSON_TOO_DEEP');
    }
  });

  it('logs no line per ordinary request, and never the token of a query string', async () => {
    const before = t.logs.length;
    const response = await fetch(`${t.url}/api/runs?limit=1&access_token=${t.token}`);
    expect(response.status).toBe(200);
    expect(t.logs.slice(before).join('')).not.toContain('incoming request');
    expect(t.logs.join('')).not.toContain(t.token);
  });
});
