import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { rawRequest } from './raw-http.test-helper.ts';

// Security headers on every kind of answer, over real HTTP: the editor page, API answers (ok,
// refused, not found), the compiled-validator module, webhook and callback ingress (429 included).
let t: TestServer;
let editorDir: string;

beforeAll(async () => {
  editorDir = mkdtempSync(join(tmpdir(), 'junction-editor-'));
  mkdirSync(join(editorDir, 'assets'));
  writeFileSync(join(editorDir, 'index.html'), '<!doctype html><title>Junction</title>');
  writeFileSync(join(editorDir, 'assets', 'app.js'), 'export {};');
  t = await startTestServer({ editorDir, rateLimit: { perClient: 1 } });
});
afterAll(async () => {
  await t.close();
  rmSync(editorDir, { recursive: true, force: true });
});

function expectSecurityHeaders(headers: Headers): void {
  const csp = headers.get('content-security-policy') ?? '';
  const directives = Object.fromEntries(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
  expect(directives).toMatchObject({
    'default-src': "'self'",
    'script-src': "'self'",
    'worker-src': "'self'",
    'connect-src': "'self'",
    'object-src': "'none'",
    'frame-ancestors': "'none'",
    'base-uri': "'none'",
  });
  expect(csp).not.toContain('unsafe-eval');
  expect(directives['script-src']).not.toContain('unsafe-inline');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
}

describe('security headers', () => {
  it.each([
    ['the editor page', 'GET', '/', 200],
    ['an editor asset', 'GET', '/assets/app.js', 200],
    ['the editor under a deep link', 'GET', '/?flow=order-card', 200],
    ['an API answer', 'GET', '/api/health', 200],
    ['an API refusal without a token', 'GET', '/api/flows', 401],
    ['an unknown API route', 'GET', '/api/nothing-here', 404],
    ['an unknown webhook', 'POST', '/hooks/nothing-here', 404],
    ['an unknown callback channel', 'POST', '/callbacks/nothing-here', 404],
    ['a rate-limited callback', 'POST', '/callbacks/nothing-here', 429],
  ])('are sent on %s', async (_name, method, path, status) => {
    const response = await t.api(method, path, method === 'POST' ? {} : undefined, { token: null });
    expect(response.status).toBe(status);
    expectSecurityHeaders(response.headers);
  });

  it("are sent on answers to requests Node's parser refuses before Fastify (431 headers too large)", async () => {
    const answer = await rawRequest(
      t.url,
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17_000)}\r\n\r\n`,
    );
    expect(answer.status).toBe(431);
    expect(answer.json.error.code).toBe('JX_HEADERS_TOO_LARGE');
    const head = answer.head.toLowerCase();
    expect(head).toContain("content-security-policy: default-src 'none'; frame-ancestors 'none'");
    expect(head).toContain('x-content-type-options: nosniff');
    expect(head).toContain('x-frame-options: deny');
    expect(head).toContain('referrer-policy: no-referrer');
  });

  it('are sent with the compiled validators module, a script served as JavaScript and never cached', async () => {
    const response = await t.api('GET', `/api/node-types/validators.js?access_token=${t.token}`, undefined, {
      token: null,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.text).toContain('export default function validators(require)');
    expectSecurityHeaders(response.headers);
  });
});
