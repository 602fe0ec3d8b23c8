import type { FlowDocument } from '@junction/runtime';
import { type SandboxHandle, startSandbox } from '@junction/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const PROD_KEY = 'prod-app';
const PROD_SECRET = '0123456789abcdef0123456789abcdef';

let t: TestServer;
let sandbox: SandboxHandle;

/** Webhook → the supplier's balance (user_id is the app key that signed) → the variable `shop`. */
const FLOW: FlowDocument = {
  schemaVersion: 1,
  id: 'whoami',
  name: 'Who signs',
  settings: { variables: { shop: 'default-shop' } },
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { method: 'POST', path: 'whoami', responseMode: 'onFinish' },
    },
    {
      id: 'balance',
      type: 'cardPlatform.balance',
      typeVersion: 1,
      position: { x: 200, y: 0 },
      config: {},
      credentials: { auth: 'supplier' },
    },
    {
      id: 'answer',
      type: 'transform.map',
      typeVersion: 1,
      position: { x: 400, y: 0 },
      config: { mapping: { appKey: '=user_id', shop: '=$vars.shop' } },
    },
  ],
  edges: [
    { id: 'e1', source: { node: 'hook', port: 'out' }, target: { node: 'balance', port: 'in' } },
    { id: 'e2', source: { node: 'balance', port: 'out' }, target: { node: 'answer', port: 'in' } },
  ],
} as FlowDocument;

async function finished(runId: string) {
  let detail = await t.api('GET', `/api/runs/${runId}`);
  for (let i = 0; i < 500 && !['succeeded', 'failed'].includes(detail.json.run.status); i++) {
    await new Promise((r) => setTimeout(r, 20));
    detail = await t.api('GET', `/api/runs/${runId}`);
  }
  return detail.json.run;
}

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    seed: 5,
    timeFactor: 0.001,
    config: { merchants: [{ appKey: PROD_KEY, appSecret: PROD_SECRET, balance: 50 }] },
  });
  t = await startTestServer({ egress: { allow: [new URL(sandbox.url).host] } });
  const credential = (id: string, appKey: string, appSecret: string) =>
    t.api('POST', '/api/credentials', {
      id,
      name: id,
      kind: 'card-platform',
      allowedHosts: ['127.0.0.1'],
      data: { appKey, appSecret, gatewayUrl: sandbox.gatewayUrl },
    });
  expect((await credential('supplier', PROD_KEY, PROD_SECRET)).status).toBe(201);
  expect((await credential('supplier-test', sandbox.appKey, sandbox.appSecret)).status).toBe(201);
  expect((await t.api('PUT', `/api/flows/${FLOW.id}`, FLOW)).status).toBe(200);
  expect((await t.api('POST', `/api/flows/${FLOW.id}/versions`)).json.version).toBe(1);
});
afterAll(async () => {
  await t?.close();
  await sandbox?.close();
});

describe('environments', () => {
  it('lists sandbox and production in promotion order; adds, refuses and deletes others', async () => {
    const listed = await t.api('GET', '/api/environments');
    expect(listed.status).toBe(200);
    expect(listed.json.environments.map((e: { name: string }) => e.name)).toEqual(['sandbox', 'production']);
    expect(listed.json.default).toBe('production');

    const created = await t.api('POST', '/api/environments', { name: 'staging' });
    expect(created.status).toBe(201);
    const names = (await t.api('GET', '/api/environments')).json.environments.map(
      (e: { name: string }) => e.name,
    );
    expect(names).toEqual(['sandbox', 'staging', 'production']);

    const again = await t.api('POST', '/api/environments', { name: 'staging' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('JX_ENVIRONMENT_EXISTS');
    const badName = await t.api('POST', '/api/environments', { name: 'Not A Slug' });
    expect(badName.status).toBe(400);
    const builtin = await t.api('DELETE', '/api/environments/production');
    expect(builtin.status).toBe(409);
    expect(builtin.json.error.code).toBe('JX_ENVIRONMENT_BUILTIN');
    const missing = await t.api('PATCH', '/api/environments/nowhere', { credentials: {} });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('JX_ENVIRONMENT_NOT_FOUND');

    expect(
      (await t.api('POST', '/api/flows/whoami/deploy', { version: 1, environment: 'staging' })).status,
    ).toBe(200);
    const inUse = await t.api('DELETE', '/api/environments/staging');
    expect(inUse.status).toBe(409);
    expect(inUse.json.error.code).toBe('JX_ENVIRONMENT_IN_USE');
    expect((await t.api('DELETE', '/api/flows/whoami/deploy?environment=staging')).status).toBe(204);
    expect((await t.api('DELETE', '/api/environments/staging')).status).toBe(204);

    const audit = await t.api('GET', '/api/audit?action=environment.changed');
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.json)).toContain('staging');
  });

  it('refuses a binding to a credential of another kind or to none', async () => {
    const other = await t.api('POST', '/api/credentials', {
      id: 'plain-bearer',
      name: 'bearer',
      kind: 'bearer',
      allowedHosts: ['127.0.0.1'],
      data: { token: 'not-a-card-platform-secret' },
    });
    expect(other.status).toBe(201);
    const wrongKind = await t.api('PATCH', '/api/environments/sandbox', {
      credentials: { supplier: 'plain-bearer' },
    });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.json.error.code).toBe('JX_ENVIRONMENT_BINDING_KIND');
    const none = await t.api('PATCH', '/api/environments/sandbox', { credentials: { supplier: 'ghost' } });
    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe('JX_CREDENTIAL_NOT_FOUND');
  });

  it('signs a test run with the sandbox credential and production runs with the real one', async () => {
    const bound = await t.api('PATCH', '/api/environments/sandbox', {
      credentials: { supplier: 'supplier-test' },
      variables: { whoami: { shop: 'test-shop' } },
    });
    expect(bound.status).toBe(200);
    expect(bound.json.environment.credentials).toEqual({ supplier: 'supplier-test' });

    // A test run of the editor's document: sandbox by default, so the sandbox merchant's key signs.
    const test = await t.api('POST', '/api/test-runs', { flow: FLOW, input: { body: {} } });
    expect(test.status).toBe(201);
    const testRun = await finished(test.json.runId);
    expect(testRun.status).toBe('succeeded');
    expect(testRun.output).toEqual({ appKey: sandbox.appKey, shop: 'test-shop' });
    expect(testRun.tags.environment).toBe('sandbox');

    // Production is never reached by accident.
    const unconfirmed = await t.api('POST', '/api/test-runs', { flow: FLOW, environment: 'production' });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.json.error.code).toBe('JX_TEST_RUN_PRODUCTION_UNCONFIRMED');
    const confirmed = await t.api('POST', '/api/test-runs', {
      flow: FLOW,
      environment: 'production',
      confirmProduction: true,
      input: { body: {} },
    });
    expect(confirmed.status).toBe(201);
    expect((await finished(confirmed.json.runId)).output).toEqual({ appKey: PROD_KEY, shop: 'default-shop' });

    // Deployed in both: each webhook URL serves its environment, unprefixed is production.
    expect(
      (await t.api('POST', '/api/flows/whoami/deploy', { version: 1, environment: 'sandbox' })).status,
    ).toBe(200);
    expect((await t.api('POST', '/api/flows/whoami/deploy', { version: 1 })).status).toBe(200);
    const viaSandbox = await t.api('POST', '/hooks/sandbox/whoami', {}, { token: null });
    expect(viaSandbox.status).toBe(200);
    expect(viaSandbox.json).toEqual({ appKey: sandbox.appKey, shop: 'test-shop' });
    const viaProduction = await t.api('POST', '/hooks/production/whoami', {}, { token: null });
    expect(viaProduction.json).toEqual({ appKey: PROD_KEY, shop: 'default-shop' });
    const unprefixed = await t.api('POST', '/hooks/whoami', {}, { token: null });
    expect(unprefixed.json).toEqual({ appKey: PROD_KEY, shop: 'default-shop' });
    const unknown = await t.api('POST', '/hooks/staging/whoami', {}, { token: null });
    expect(unknown.status).toBe(404);

    // Every run records its environment, and the list filters by it.
    const sandboxRuns = await t.api('GET', '/api/runs?flowId=whoami&environment=sandbox');
    expect(sandboxRuns.json.runs.length).toBeGreaterThanOrEqual(2);
    for (const run of sandboxRuns.json.runs) expect(run.tags.environment).toBe('sandbox');
    const productionRuns = await t.api('GET', '/api/runs?flowId=whoami&environment=production&test=false');
    expect(productionRuns.json.runs).toHaveLength(2);
    for (const run of productionRuns.json.runs) expect(run.output.appKey).toBe(PROD_KEY);
  });

  it('promotes the version live in sandbox to production only after a passing test run of it', async () => {
    const flow = { ...FLOW, name: 'Who signs (v2)' };
    expect((await t.api('PUT', `/api/flows/${FLOW.id}`, flow)).status).toBe(200);
    expect((await t.api('POST', `/api/flows/${FLOW.id}/versions`)).json.version).toBe(2);
    expect(
      (await t.api('POST', '/api/flows/whoami/deploy', { version: 2, environment: 'sandbox' })).status,
    ).toBe(200);
    const gated = await t.api('POST', '/api/flows/whoami/promote', {
      from: 'sandbox',
      to: 'production',
      requireTestRun: true,
    });
    expect(gated.status).toBe(409);
    expect(gated.json.error.code).toBe('JX_PROMOTE_TEST_RUN_MISSING');
    expect(gated.json.error.details).toMatchObject({ version: 2, from: 'sandbox' });

    const test = await t.api('POST', '/api/test-runs', {
      flowId: 'whoami',
      version: 2,
      environment: 'sandbox',
      input: { body: {} },
    });
    expect(test.status).toBe(201);
    const run = await finished(test.json.runId);
    expect(run.status).toBe('succeeded');
    expect(run.tags).toMatchObject({ environment: 'sandbox', version: 2 });

    const promoted = await t.api('POST', '/api/flows/whoami/promote', {
      from: 'sandbox',
      to: 'production',
      requireTestRun: true,
    });
    expect(promoted.status).toBe(200);
    expect(promoted.json).toMatchObject({ environment: 'production', testRunId: test.json.runId });
    expect(promoted.json.deployment.version).toBe(2);
    expect((await t.api('POST', '/hooks/whoami', {}, { token: null })).json).toEqual({
      appKey: PROD_KEY,
      shop: 'default-shop',
    });

    const deployments = await t.api('GET', '/api/flows/whoami/deployments');
    const byEnvironment = Object.fromEntries(
      deployments.json.deployments.map((d: { environment: string; version: number }) => [
        d.environment,
        d.version,
      ]),
    );
    expect(byEnvironment).toEqual({ sandbox: 2, production: 2 });
    expect(deployments.json.history[0]).toMatchObject({
      environment: 'production',
      action: 'promoted',
      version: 2,
      reason: 'from sandbox',
    });
    const audit = await t.api('GET', '/api/audit?action=promoted');
    expect(JSON.stringify(audit.json)).toContain('whoami@2');

    const same = await t.api('POST', '/api/flows/whoami/promote', { from: 'sandbox', to: 'sandbox' });
    expect(same.status).toBe(400);
    expect(same.json.error.code).toBe('JX_PROMOTE_SAME_ENVIRONMENT');
    const neither = await t.api('POST', '/api/test-runs', { input: {} });
    expect(neither.status).toBe(400);
    expect(neither.json.error.code).toBe('JX_TEST_RUN_TARGET');
  });
  it("runs a sub-flow in its caller's environment (a sandbox test run never signs with production's key)", async () => {
    const caller = {
      schemaVersion: 1,
      id: 'caller',
      name: 'Calls whoami',
      nodes: [
        { id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
        {
          id: 'call',
          type: 'flow.call',
          typeVersion: 1,
          position: { x: 200, y: 0 },
          config: { subflow: { flowId: 'whoami', version: 1 }, input: '={"body": {}}' },
        },
      ],
      edges: [{ id: 'e1', source: { node: 'start', port: 'out' }, target: { node: 'call', port: 'in' } }],
    };
    const sandboxRun = await t.api('POST', '/api/test-runs', { flow: caller, input: {} });
    expect(sandboxRun.status).toBe(201);
    expect((await finished(sandboxRun.json.runId)).output).toEqual({
      appKey: sandbox.appKey,
      shop: 'test-shop',
    });
    const productionRun = await t.api('POST', '/api/test-runs', {
      flow: caller,
      input: {},
      environment: 'production',
      confirmProduction: true,
    });
    expect((await finished(productionRun.json.runId)).output).toEqual({
      appKey: PROD_KEY,
      shop: 'default-shop',
    });
  });
});
