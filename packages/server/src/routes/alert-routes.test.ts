import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
let reader = '';
const wecom = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=route-test-key';
const rule = (extra: Record<string, unknown> = {}) => ({
  name: 'Waiting runs',
  kind: 'waiting-runs',
  threshold: 100,
  channels: [{ kind: 'wecom', url: wecom }],
  ...extra,
});

beforeAll(async () => {
  t = await startTestServer({ alerts: { intervalMs: 0 } });
  reader = (await t.api('POST', '/api/tokens', { name: 'dashboard', scopes: ['metrics:read'] })).json.token;
});
afterAll(async () => {
  await t?.close();
});

describe('/api/alerts routes', () => {
  it('create, read, update, delete a rule; the channel URL stays write-only', async () => {
    const created = await t.api('POST', '/api/alerts/rules', rule());
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'Waiting runs',
      kind: 'waiting-runs',
      threshold: 100,
      enabled: true,
      channels: [
        { kind: 'wecom', host: 'qyapi.weixin.qq.com', hasSecret: false, format: 'markdown', locale: 'zh-CN' },
      ],
    });
    expect(created.text).not.toContain('route-test-key');
    const id = created.json.id;
    expect((await t.api('GET', `/api/alerts/rules/${id}`, undefined, { token: reader })).json.name).toBe(
      'Waiting runs',
    );
    const updated = await t.api('PUT', `/api/alerts/rules/${id}`, {
      ...rule({ threshold: 5, enabled: false }),
      channels: undefined,
    });
    expect(updated.json).toMatchObject({ threshold: 5, enabled: false, channels: [{ kind: 'wecom' }] });
    expect((await t.api('DELETE', `/api/alerts/rules/${id}`)).status).toBe(204);
    const gone = await t.api('GET', `/api/alerts/rules/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe('JX_ALERT_RULE_NOT_FOUND');
  });

  it.each([
    [
      'a robot URL on another host',
      rule({ channels: [{ kind: 'dingtalk', url: 'https://evil.example/robot/send?x=1' }] }),
      422,
      'JX_ALERT_CHANNEL_URL_INVALID',
    ],
    [
      'a plain-HTTP webhook',
      rule({ channels: [{ kind: 'webhook', url: 'http://example.com/hook' }] }),
      422,
      'JX_ALERT_CHANNEL_URL_INVALID',
    ],
    ['no channel', rule({ channels: undefined }), 422, 'JX_ALERT_RULE_INVALID'],
    ['a balance rule without a credential', rule({ kind: 'supplier-balance' }), 422, 'JX_ALERT_RULE_INVALID'],
    [
      'a balance rule on a missing credential',
      rule({ kind: 'supplier-balance', credentialId: 'nope' }),
      404,
      'JX_CREDENTIAL_NOT_FOUND',
    ],
    ['a flow rule with a credential', rule({ credentialId: 'x' }), 422, 'JX_ALERT_RULE_INVALID'],
    [
      'a failure rate above 100 %',
      rule({ kind: 'failure-rate', threshold: 120 }),
      422,
      'JX_ALERT_RULE_INVALID',
    ],
    ['an unknown kind', rule({ kind: 'vibes' }), 400, 'JX_BAD_REQUEST'],
    ['an unknown field', rule({ colour: 'red' }), 400, 'JX_BAD_REQUEST'],
    ['a window under a second', rule({ kind: 'p99-latency', windowMs: 10 }), 400, 'JX_BAD_REQUEST'],
  ])('refuses %s with a coded error', async (_case, body, status, code) => {
    const response = await t.api('POST', '/api/alerts/rules', body);
    expect(response.status).toBe(status);
    expect(response.json.error.code).toBe(code);
  });

  it('needs admin to write and metrics:read to read', async () => {
    expect((await t.api('GET', '/api/alerts/rules', undefined, { token: null })).status).toBe(401);
    expect((await t.api('GET', '/api/alerts/rules', undefined, { token: reader })).status).toBe(200);
    expect((await t.api('GET', '/api/alerts/history', undefined, { token: reader })).status).toBe(200);
    const refused = await t.api('POST', '/api/alerts/rules', rule(), { token: reader });
    expect(refused.status).toBe(403);
    expect((await t.api('POST', '/api/alerts/evaluate', undefined, { token: reader })).status).toBe(403);
  });

  it('checks the history range', async () => {
    const bad = await t.api('GET', '/api/alerts/history?from=10&to=5');
    expect(bad.json.error.code).toBe('JX_ALERT_HISTORY_RANGE_INVALID');
    expect((await t.api('GET', '/api/alerts/history?limit=0')).json.error.code).toBe('JX_BAD_REQUEST');
  });

  it('declares every route with a scope and a schema in the OpenAPI document', () => {
    const routes = t.server.routes.filter(
      (r) => String(r.url).startsWith('/api/alerts') && r.method !== 'HEAD',
    );
    expect(routes.map((r) => `${r.method} ${r.url} ${r.access}`).sort()).toEqual([
      'DELETE /api/alerts/rules/:id admin',
      'GET /api/alerts/history metrics:read',
      'GET /api/alerts/rules metrics:read',
      'GET /api/alerts/rules/:id metrics:read',
      'POST /api/alerts/evaluate admin',
      'POST /api/alerts/rules admin',
      'PUT /api/alerts/rules/:id admin',
    ]);
    const paths = t.server.openapi().paths as Record<string, unknown>;
    expect(Object.keys(paths).filter((p) => p.startsWith('/api/alerts'))).toHaveLength(4);
  });
});
