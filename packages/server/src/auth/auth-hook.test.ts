import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { SCOPES } from './scopes.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

function concrete(url: string): string {
  return url
    .replace(/:v\b/, '1')
    .replace(/:[a-zA-Z]+/g, 'x')
    .replace('*', 'x');
}

describe('auth', () => {
  it('declares an access rule on every route', () => {
    const undeclared = t.server.routes
      .filter((r) => r.access === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('refuses every protected route without a token (401) and with a token lacking its scope (403)', async () => {
    const protectedRoutes = t.server.routes.filter((r) => r.access !== 'public');
    expect(protectedRoutes.length).toBeGreaterThan(25);
    const tokens = new Map<string, string>();
    for (const scope of SCOPES.filter((s) => s !== 'admin')) {
      // A token holding every scope except the one under test.
      const others = SCOPES.filter((s) => s !== scope && s !== 'admin');
      const created = await t.api('POST', '/api/tokens', { name: `not-${scope}`, scopes: others });
      expect(created.status).toBe(201);
      tokens.set(scope, created.json.token);
    }
    const nonAdmin = await t.api('POST', '/api/tokens', {
      name: 'all-but-admin',
      scopes: SCOPES.filter((s) => s !== 'admin'),
    });
    tokens.set('admin', nonAdmin.json.token);
    for (const route of protectedRoutes) {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods.filter((m) => m !== 'HEAD')) {
        const path = concrete(route.url);
        const anonymous = await t.api(method, path, undefined, { token: null });
        expect(anonymous.status, `${method} ${route.url} without token`).toBe(401);
        expect(anonymous.json.error.code).toBe('JX_UNAUTHORIZED');
        const wrong = await t.api(method, path, undefined, { token: 'jx_not-a-real-token' });
        expect(wrong.status, `${method} ${route.url} with unknown token`).toBe(401);
        const lacking = await t.api(method, path, undefined, { token: tokens.get(route.access!)! });
        expect(lacking.status, `${method} ${route.url} lacking ${route.access}`).toBe(403);
        expect(lacking.json.error).toMatchObject({
          code: 'JX_FORBIDDEN',
          details: { required: route.access },
        });
      }
    }
  });

  it('lets a token with the scope through, accepts ?access_token= only for GET, and revokes tokens', async () => {
    const reader = await t.api('POST', '/api/tokens', { name: 'reader', scopes: ['flows:read'] });
    const token = reader.json.token as string;
    expect((await t.api('GET', '/api/flows', undefined, { token })).status).toBe(200);
    expect((await t.api('GET', `/api/flows?access_token=${token}`, undefined, { token: null })).status).toBe(
      200,
    );
    expect(
      (await t.api('DELETE', `/api/flows/x?access_token=${token}`, undefined, { token: null })).status,
    ).toBe(401);

    const list = await t.api('GET', '/api/tokens');
    expect(list.text).not.toContain(token);
    expect(list.json.tokens.find((k: { name: string }) => k.name === 'reader')).toMatchObject({
      scopes: ['flows:read'],
    });

    expect((await t.api('DELETE', `/api/tokens/${reader.json.id}`)).status).toBe(204);
    expect((await t.api('GET', '/api/flows', undefined, { token })).status).toBe(401);
    expect((await t.api('DELETE', `/api/tokens/${reader.json.id}`)).status).toBe(404);
  });

  it('validates token requests', async () => {
    const bad = await t.api('POST', '/api/tokens', { name: 'x', scopes: ['root'] });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('JX_BAD_REQUEST');
    const empty = await t.api('POST', '/api/tokens', { name: 'x', scopes: [] });
    expect(empty.status).toBe(400);
  });

  it('prints the admin token only on the first start of a data directory', async () => {
    expect(t.token).toMatch(/^jx_/);
    await t.restart();
    expect(t.server.adminToken).toBeUndefined();
    expect((await t.api('GET', '/api/flows')).status).toBe(200);
  });
});
