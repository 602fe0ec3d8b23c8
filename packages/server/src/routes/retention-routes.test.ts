import { join } from 'node:path';
import { createSqliteStore, type RunRecord } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

const DAY = 86_400_000;
let t: TestServer;

async function deploy(name: string): Promise<void> {
  const flow = fixture(name);
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const version = await t.api('POST', `/api/flows/${flow.id}/versions`);
  expect(
    (await t.api('POST', `/api/flows/${flow.id}/deploy`, { version: version.json.version })).status,
  ).toBe(200);
}

async function runOnce(flowId: string): Promise<string> {
  const response = await t.api('POST', `/api/flows/${flowId}/runs?wait=true`, { input: { name: 'Ada' } });
  expect(response.status).toBe(200);
  return response.json.run.id as string;
}

/** Rows written beside the server through a second connection to its SQLite file, as another process would. */
async function seedOld(): Promise<void> {
  const store = createSqliteStore({ path: join(t.dataDir, 'junction.db') });
  const old = (id: string, flowId: string, status: RunRecord['status'], daysAgo: number): RunRecord => {
    const at = Date.now() - daysAgo * DAY;
    return {
      id,
      flowId,
      flowVersion: 1,
      flowHash: 'seeded',
      status,
      input: {},
      test: false,
      createdAt: at,
      updatedAt: at,
      ...(status === 'waiting' ? {} : { finishedAt: at }),
    };
  };
  await store.createRun(old('old-ok', 'hello', 'succeeded', 5));
  await store.createRun(old('old-failed', 'failing', 'failed', 3));
  await store.createRun(old('young-failed', 'failing', 'failed', 1));
  await store.createRun(old('old-waiting', 'hello', 'waiting', 100));
  await store.registerWait({
    runId: 'old-waiting',
    nodeId: 'wait',
    channel: 'orders',
    key: 'A-1001',
    createdAt: Date.now() - 100 * DAY,
  });
  await store.appendJournal([{ runId: 'old-ok', seq: 1, type: 'run.completed', at: Date.now() - 5 * DAY }]);
  store.database
    .prepare('INSERT INTO srv_callbacks (channel, key, outcome, at) VALUES (?, ?, ?, ?)')
    .run('orders', 'A-0999', 'matched', Date.now() - 2 * DAY);
  await store.close();
}

async function tokenWith(scopes: string[]): Promise<string> {
  const created = await t.api('POST', '/api/tokens', { name: scopes.join('+'), scopes });
  expect(created.status).toBe(201);
  return created.json.token as string;
}

beforeAll(async () => {
  t = await startTestServer({
    retention: { succeededDays: 1, failedDays: 2, callbackDays: 1, intervalMs: 0 },
  });
  await deploy('hello');
  await deploy('failing');
});
afterAll(async () => t.close());

describe('retention API', () => {
  it('shows the defaults in /api/health and /api/retention', async () => {
    const defaults = { succeededDays: 1, failedDays: 2, maxRuns: null, callbackDays: 1, intervalMs: 0 };
    const health = await t.api('GET', '/api/health', undefined, { token: null });
    expect(health.json.settings.retention).toEqual(defaults);
    expect((await t.api('GET', '/api/retention')).json).toEqual({ defaults, policies: [] });
  });

  it('purges finished runs past their age with their journal and old callback logs, never a waiting run', async () => {
    const recent = await runOnce('hello');
    await seedOld();
    const purged = await t.api('POST', '/api/retention/purge');
    expect(purged.status).toBe(200);
    expect(purged.json).toMatchObject({ runs: 2, journalEntries: 1, callbackLogs: 1 });
    expect(purged.json.bytesAfter).toBeGreaterThan(0);
    for (const gone of ['old-ok', 'old-failed']) {
      expect((await t.api('GET', `/api/runs/${gone}`)).json.error.code).toBe('JX_RUN_NOT_FOUND');
    }
    for (const kept of [recent, 'young-failed', 'old-waiting']) {
      expect((await t.api('GET', `/api/runs/${kept}`)).status).toBe(200);
    }
  });

  it('sets, shows and drops a flow’s policy; the purge follows it', async () => {
    const put = await t.api('PUT', '/api/retention/flows/hello', { succeededDays: null, maxRuns: 1 });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({
      flowId: 'hello',
      policy: { succeededDays: null, maxRuns: 1 },
      effective: { succeededDays: null, failedDays: 2, maxRuns: 1 },
    });
    expect((await t.api('GET', '/api/retention/flows/hello')).json).toEqual(put.json);
    expect((await t.api('GET', '/api/retention/flows/failing')).json).toEqual({
      flowId: 'failing',
      policy: {},
      effective: { succeededDays: 1, failedDays: 2, maxRuns: null },
    });
    expect((await t.api('GET', '/api/retention')).json.policies).toEqual([put.json]);
    await runOnce('hello');
    const newest = await runOnce('hello');
    const purged = await t.api('POST', '/api/retention/purge', { compact: false });
    expect(purged.json).toMatchObject({ runs: 2 });
    expect(purged.json).not.toHaveProperty('bytesAfter');
    const left = await t.api('GET', '/api/runs?flowId=hello');
    expect(left.json.runs.map((run: { id: string }) => run.id).sort()).toEqual(
      [newest, 'old-waiting'].sort(),
    );
    expect((await t.api('DELETE', '/api/retention/flows/hello')).status).toBe(204);
    expect((await t.api('GET', '/api/retention')).json.policies).toEqual([]);
  });

  it('answers bad input with coded errors', async () => {
    for (const body of [{ succeededDays: 0 }, { maxRuns: 'all' }, { keepForever: true }]) {
      const response = await t.api('PUT', '/api/retention/flows/hello', body);
      expect(response.status).toBe(400);
      expect(response.json.error.code).toBe('JX_BAD_REQUEST');
    }
    expect((await t.api('PUT', '/api/retention/flows/nope', {})).json.error.code).toBe('JX_FLOW_NOT_FOUND');
    expect((await t.api('GET', '/api/retention/flows/nope')).status).toBe(404);
    const none = await t.api('DELETE', '/api/retention/flows/failing');
    expect(none.status).toBe(404);
    expect(none.json.error).toMatchObject({
      code: 'JX_RETENTION_POLICY_NOT_FOUND',
      details: { flowId: 'failing' },
    });
    const bad = await t.api('POST', '/api/retention/purge', { compact: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('JX_BAD_REQUEST');
  });

  it('needs flows:read to look, flows:write to set a policy and admin to purge', async () => {
    const reader = await tokenWith(['flows:read']);
    const writer = await tokenWith(['flows:write']);
    expect((await t.api('GET', '/api/retention', undefined, { token: reader })).status).toBe(200);
    expect((await t.api('PUT', '/api/retention/flows/hello', {}, { token: reader })).status).toBe(403);
    expect((await t.api('PUT', '/api/retention/flows/hello', {}, { token: writer })).status).toBe(200);
    const refused = await t.api('POST', '/api/retention/purge', undefined, { token: writer });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('JX_FORBIDDEN');
    expect((await t.api('POST', '/api/retention/purge', undefined, { token: null })).status).toBe(401);
  });

  it('declares every route’s scope and appears in the OpenAPI document', () => {
    const access = Object.fromEntries(
      t.server.routes
        .filter((route) => route.url.startsWith('/api/retention'))
        .map((route) => [`${String(route.method)} ${route.url}`, route.access]),
    );
    expect(access).toMatchObject({
      'GET /api/retention': 'flows:read',
      'GET /api/retention/flows/:id': 'flows:read',
      'PUT /api/retention/flows/:id': 'flows:write',
      'DELETE /api/retention/flows/:id': 'flows:write',
      'POST /api/retention/purge': 'admin',
    });
    const paths = t.server.openapi().paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/api/retention/flows/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
    expect(paths['/api/retention/purge']?.post).toBeDefined();
  });
});
