import { type SandboxHandle, startSandbox } from '@junction/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';
import { type Receiver, startReceiver } from './alert-receiver.test-helper.ts';

let t: TestServer;
let rx: Receiver;
let sandbox: SandboxHandle;
const MIN = 60_000;

/** The await fixture as its own flow, without a verifying credential, with a callback timeout. */
function awaitFlow(id: string, timeoutMs: number) {
  const flow = fixture('await');
  flow.id = id;
  flow.name = `Await ${id}`;
  const wait = flow.nodes[1]!;
  delete wait.credentials;
  wait.config = { ...wait.config, channel: id, timeoutMs };
  return flow;
}

async function deploy(flow: ReturnType<typeof fixture>) {
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  await t.api('POST', `/api/flows/${flow.id}/versions`);
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version: 1 })).status).toBe(200);
}

const channel = () => [{ kind: 'wecom', url: `${rx.base}cgi-bin/webhook/send?key=k` }];
const create = async (rule: Record<string, unknown>) => {
  const created = await t.api('POST', '/api/alerts/rules', { channels: channel(), ...rule });
  expect(created.status).toBe(201);
  return created.json.id as string;
};
const evaluate = (now: number) => t.server.alerts.evaluateOnce(now);
const ofRule = <E extends { ruleId: string }>(events: E[], id: string) =>
  events.filter((e) => e.ruleId === id);

beforeAll(async () => {
  rx = await startReceiver();
  sandbox = await startSandbox({ port: 0, seed: 3 });
  t = await startTestServer({
    egress: { allow: [rx.host, new URL(sandbox.gatewayUrl).host] },
    alerts: { intervalMs: 0, channelBaseUrls: [rx.base], delivery: { attempts: 1, backoffMs: 1 } },
  });
  await deploy(awaitFlow('await-short', 30));
  await deploy(awaitFlow('await-long', 600_000));
  for (const order of ['L-1', 'L-2']) {
    const run = await t.api('POST', '/api/flows/await-long/runs?wait=true', { input: { order } });
    expect(run.json.run.status).toBe('waiting');
  }
  const short = await t.api('POST', '/api/flows/await-short/runs?wait=true', { input: { order: 'S-1' } });
  let status = short.json.run.status;
  for (let i = 0; i < 300 && (status === 'waiting' || status === 'running'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    status = (await t.api('GET', `/api/runs/${short.json.run.id}`)).json.run.status;
  }
  expect(status).toBe('succeeded');
  // The timeout is counted asynchronously, from the engine's event.
  for (let i = 0; i < 200 && (await t.server.alerts.signals.count('await-short', 0)) === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
});
afterAll(async () => {
  await t?.close();
  await rx?.close();
  await sandbox?.close();
});

describe('alert rules measured from the store', () => {
  it('counts callback timeouts in the window', async () => {
    const id = await create({
      name: 'Timeouts',
      kind: 'callback-timeouts',
      flowId: 'await-short',
      threshold: 0,
    });
    const now = Date.now();
    expect(ofRule(await evaluate(now), id)).toMatchObject([
      { type: 'firing', value: 1, subject: 'await-short' },
    ]);
    // Out of the 15-minute window, the count is 0 again: recovered.
    expect(ofRule(await evaluate(now + 16 * MIN), id)).toMatchObject([{ type: 'resolved', value: 0 }]);
  });

  it('counts waiting runs, per flow for an all-flows rule, and reminds while it keeps firing', async () => {
    const id = await create({ name: 'Piling up', kind: 'waiting-runs', threshold: 1, renotifyMs: 10 * MIN });
    const now = Date.now();
    const fired = ofRule(await evaluate(now), id);
    expect(fired).toMatchObject([{ type: 'firing', subject: 'await-long', value: 2 }]);
    const text = (rx.got.at(-1)!.json.markdown as { content: string }).content;
    expect(text).toContain('流程 Await await-long：当前有 2 个运行在等待，阈值 1。');
    expect(ofRule(await evaluate(now + 5 * MIN), id)).toEqual([]);
    expect(ofRule(await evaluate(now + 11 * MIN), id)).toMatchObject([{ type: 'reminder', value: 2 }]);
    expect(ofRule(await evaluate(now + 12 * MIN), id)).toEqual([]);
  });

  it('computes p99 run latency once there are enough finished runs', async () => {
    const id = await create({
      name: 'Slow',
      kind: 'p99-latency',
      flowId: 'await-short',
      threshold: 10,
      minRuns: 1,
    });
    const [event] = ofRule(await evaluate(Date.now()), id);
    expect(event).toMatchObject({ type: 'firing' });
    expect(event!.value).toBeGreaterThanOrEqual(30);
    const strict = await create({
      name: 'Slow, judged on 5 runs',
      kind: 'p99-latency',
      flowId: 'await-short',
      threshold: 10,
      minRuns: 5,
    });
    expect(ofRule(await evaluate(Date.now()), strict)).toEqual([]);
  });
});

describe('supplier balance check against the sandbox', () => {
  it('asks user.info.get on its interval, fires below the threshold and recovers after a top-up', async () => {
    const credential = await t.api('POST', '/api/credentials', {
      id: 'supplier',
      name: '卡商主账户',
      kind: 'card-platform',
      allowedHosts: ['127.0.0.1'],
      data: { appKey: sandbox.appKey, appSecret: sandbox.appSecret, gatewayUrl: sandbox.gatewayUrl },
    });
    expect(credential.status).toBe(201);
    const id = await create({
      name: '余额不足',
      kind: 'supplier-balance',
      credentialId: 'supplier',
      threshold: 1000,
      checkIntervalMs: 5 * MIN,
    });
    const now = Date.now();
    expect(ofRule(await evaluate(now), id)).toEqual([]);
    sandbox.topUp(sandbox.appKey, 500 - sandbox.balance());
    // Not asked again before its interval.
    expect(ofRule(await evaluate(now + MIN), id)).toEqual([]);
    expect(ofRule(await evaluate(now + 5 * MIN), id)).toMatchObject([
      { type: 'firing', value: 500, subject: 'supplier' },
    ]);
    const text = (rx.got.at(-1)!.json.markdown as { content: string }).content;
    expect(text).toContain('供应商账户 卡商主账户 余额 500，低于 1000 时告警。');
    const topped = await fetch(`${sandbox.adminUrl}/balances/${sandbox.appKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-token': sandbox.adminToken },
      body: JSON.stringify({ amount: 2000 }),
    });
    expect(topped.status).toBe(200);
    expect(ofRule(await evaluate(now + 10 * MIN), id)).toMatchObject([{ type: 'resolved', value: 2500 }]);
  });

  it('records a failed check with the supplier error, without notifying', async () => {
    await t.api('POST', '/api/credentials', {
      id: 'wrong-secret',
      name: 'Wrong secret',
      kind: 'card-platform',
      allowedHosts: ['127.0.0.1'],
      data: { appKey: sandbox.appKey, appSecret: 'not-the-secret', gatewayUrl: sandbox.gatewayUrl },
    });
    const id = await create({
      name: 'Balance',
      kind: 'supplier-balance',
      credentialId: 'wrong-secret',
      threshold: 1,
    });
    const count = rx.got.length;
    const [failed] = ofRule(await evaluate(Date.now()), id);
    expect(failed).toMatchObject({ type: 'check-failed', value: null, deliveries: [] });
    expect(failed!.error!.code).toMatch(/^JX_SUPPLIER_/);
    expect(rx.got.length).toBe(count);
    expect(t.logs.join('\n')).not.toContain('not-the-secret');
  });
});
