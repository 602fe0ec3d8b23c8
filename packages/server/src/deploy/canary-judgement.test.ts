import type { FlowDocument } from '@junction/runtime';
import { type SandboxHandle, startSandbox } from '@junction/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const SUCCEEDS = '18800000000';
const FAILS = '18800000001';

let t: TestServer;
let sandbox: SandboxHandle;
let productId: string;

/**
 * Webhook → direct top-up at the sandbox → wait for its settlement callback on
 * `/callbacks/production/topups` → fail the run when the supplier says the top-up failed.
 */
function topupFlow(url: string, name: string): FlowDocument {
  return {
    schemaVersion: 1,
    id: 'topup',
    name,
    nodes: [
      {
        id: 'hook',
        type: 'trigger.webhook',
        typeVersion: 1,
        position: { x: 0, y: 0 },
        config: { method: 'POST', path: 'topup', responseMode: 'immediately' },
      },
      {
        id: 'order',
        type: 'cardPlatform.createDirectOrder',
        typeVersion: 1,
        position: { x: 200, y: 0 },
        config: {
          productId: '=body.product',
          chargeAccount: '=body.account',
          customerOrderNo: '=body.order',
          notifyUrl: `${url}/callbacks/production/topups`,
        },
        credentials: { auth: 'supplier' },
      },
      {
        id: 'wait',
        type: 'callback.await',
        typeVersion: 1,
        position: { x: 400, y: 0 },
        config: {
          channel: 'topups',
          correlationKey: '=$trigger.body.order',
          keyPath: 'customer_order_no',
          ack: 'success',
          timeoutMs: 60_000,
        },
        credentials: { verify: 'supplier' },
      },
      {
        id: 'check',
        type: 'flow.if',
        typeVersion: 1,
        position: { x: 600, y: 0 },
        config: { condition: '=order_status = "success"' },
      },
      {
        id: 'done',
        type: 'transform.map',
        typeVersion: 1,
        position: { x: 800, y: 0 },
        config: { mapping: { order: '=customer_order_no' } },
      },
      {
        id: 'refused',
        type: 'flow.fail',
        typeVersion: 1,
        position: { x: 800, y: 100 },
        config: { code: 'TOPUP_FAILED', message: '=customer_order_no' },
      },
    ],
    edges: [
      { id: 'e1', source: { node: 'hook', port: 'out' }, target: { node: 'order', port: 'in' } },
      { id: 'e2', source: { node: 'order', port: 'out' }, target: { node: 'wait', port: 'in' } },
      { id: 'e3', source: { node: 'wait', port: 'callback' }, target: { node: 'check', port: 'in' } },
      { id: 'e4', source: { node: 'check', port: 'true' }, target: { node: 'done', port: 'in' } },
      { id: 'e5', source: { node: 'check', port: 'false' }, target: { node: 'refused', port: 'in' } },
    ],
  } as FlowDocument;
}

let orders = 0;
/** Posts one top-up and waits for its run to end; returns the run. */
async function topup(account: string) {
  orders += 1;
  const order = `T-${orders}`;
  const posted = await t.api('POST', '/hooks/topup', { product: productId, account, order }, { token: null });
  expect(posted.status).toBe(200);
  const runId = posted.headers.get('x-junction-run-id') ?? posted.json.runId;
  let run = (await t.api('GET', `/api/runs/${runId}`)).json.run;
  for (let i = 0; i < 500 && !['succeeded', 'failed'].includes(run.status); i++) {
    await new Promise((r) => setTimeout(r, 20));
    run = (await t.api('GET', `/api/runs/${runId}`)).json.run;
  }
  return run;
}

async function deployment() {
  const listed = await t.api('GET', '/api/flows/topup/deployments?environment=production');
  return { current: listed.json.deployments[0], history: listed.json.history };
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 11, timeFactor: 0.001 });
  t = await startTestServer({ egress: { allow: [new URL(sandbox.url).host] } });
  const product = sandbox.products().find((p) => p.product_type === 'direct' && p.stock > 0);
  productId = String(product?.product_id);
  const credential = await t.api('POST', '/api/credentials', {
    id: 'supplier',
    name: 'Card platform',
    kind: 'card-platform',
    allowedHosts: ['127.0.0.1'],
    data: { appKey: sandbox.appKey, appSecret: sandbox.appSecret, gatewayUrl: sandbox.gatewayUrl },
  });
  expect(credential.status).toBe(201);
  for (const name of ['Top-up', 'Top-up (canary)']) {
    expect((await t.api('PUT', '/api/flows/topup', topupFlow(t.url, name))).status).toBe(200);
    await t.api('POST', '/api/flows/topup/versions');
  }
});
afterAll(async () => {
  await t?.close();
  await sandbox?.close();
});

describe('canary with judgement', () => {
  it('compares canary and main, then rolls the canary back when it fails too often', async () => {
    const deployed = await t.api('POST', '/api/flows/topup/deploy', {
      version: 1,
      canary: {
        version: 2,
        percent: 100,
        // The failing magic account's orders go to the canary: its failures are the supplier's.
        match: `=body.account = "${FAILS}"`,
        rollback: { maxFailureRateDeltaPoints: 50, minRuns: 3 },
      },
    });
    expect(deployed.status).toBe(200);
    expect(deployed.json.deployment.canary.rollback).toEqual({ maxFailureRateDeltaPoints: 50, minRuns: 3 });

    for (const account of [SUCCEEDS, SUCCEEDS]) expect((await topup(account)).status).toBe('succeeded');
    for (const account of [FAILS, FAILS]) {
      const run = await topup(account);
      expect(run.status).toBe('failed');
      expect(run.tags).toMatchObject({ canary: true, environment: 'production' });
    }
    // Two canary runs are fewer than minRuns: the canary stays.
    expect((await deployment()).current.canary.version).toBe(2);

    const report = await t.api('GET', '/api/flows/topup/canary-report');
    expect(report.status).toBe(200);
    const { main, canary, failureRateDeltaPoints } = report.json.report;
    expect(main).toMatchObject({ version: 1, role: 'main', runs: 2, succeeded: 2, successRate: 100 });
    expect(canary).toMatchObject({ version: 2, role: 'canary', runs: 2, failed: 2, failureRate: 100 });
    expect(canary.errors).toEqual([{ code: 'JX_USER_TOPUP_FAILED', count: 2 }]);
    expect(main.callbackDelay.count).toBe(2);
    expect(canary.callbackDelay.count).toBe(2);
    expect(main.latency.p50).toBeGreaterThanOrEqual(0);
    expect(main.latency.p99).toBeGreaterThanOrEqual(main.latency.p50);
    expect(failureRateDeltaPoints).toBe(100);

    // The third failure reaches minRuns: 100 points over main is more than 50.
    expect((await topup(FAILS)).status).toBe('failed');
    let state = await deployment();
    for (let i = 0; i < 200 && state.current.canary; i++) {
      await new Promise((r) => setTimeout(r, 20));
      state = await deployment();
    }
    expect(state.current).not.toHaveProperty('canary');
    expect(state.current.version).toBe(1);
    expect(state.history[0]).toMatchObject({
      action: 'canary_rolled_back',
      actor: 'junction',
      environment: 'production',
      version: 1,
    });
    expect(state.history[0].reason).toContain('canary v2 failed 3 of 3 runs');
    const audit = await t.api('GET', '/api/audit?action=rolled_back');
    expect(JSON.stringify(audit.json)).toContain('"automatic":true');

    // With the canary gone, the failing account's orders run on main.
    const after = await topup(FAILS);
    expect(after.flowVersion).toBe(1);
    expect(after.tags).not.toHaveProperty('canary');
  });

  it('answers a coded 409 for a flow that is not deployed in the environment', async () => {
    const report = await t.api('GET', '/api/flows/topup/canary-report?environment=sandbox');
    expect(report.status).toBe(409);
    expect(report.json.error.code).toBe('JX_FLOW_NOT_DEPLOYED');
  });
});
