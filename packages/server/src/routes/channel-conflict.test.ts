import type { FlowDocument } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;

/** The `await` fixture as flow `id`, waiting on `card-platform` with the given await settings. */
function awaiting(id: string, config: Record<string, string> = {}, verify = 'sig-a'): FlowDocument {
  const flow = fixture('await');
  flow.id = id;
  const wait = flow.nodes.find((n) => n.id === 'wait')!;
  wait.config = { ...wait.config, channel: 'card-platform', keyPath: 'customer_order_no', ...config };
  wait.credentials = { verify };
  return flow;
}

async function saveVersion(flow: FlowDocument): Promise<number> {
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  return (await t.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
}

beforeAll(async () => {
  t = await startTestServer();
  for (const id of ['sig-a', 'sig-b']) {
    const data = { secret: `${id}-secret-value` };
    const created = await t.api('POST', '/api/credentials', {
      id,
      name: id,
      kind: 'hmac-header',
      allowedHosts: ['supplier.test'],
      data,
    });
    expect(created.status).toBe(201);
  }
  const topUp = await saveVersion(awaiting('top-up'));
  expect((await t.api('POST', '/api/flows/top-up/deploy', { version: topUp })).status).toBe(200);
});
afterAll(async () => t.close());

describe('callback channel conflicts', () => {
  it('deploys a flow whose await node agrees with the channel settings', async () => {
    const version = await saveVersion(awaiting('order-card'));
    const deployed = await t.api('POST', '/api/flows/order-card/deploy', { version });
    expect(deployed.status).toBe(200);
  });

  it('refuses a version with another verification credential (409), naming channel, flow and setting', async () => {
    const version = await saveVersion(awaiting('order-card', {}, 'sig-b'));
    const refused = await t.api('POST', '/api/flows/order-card/deploy', { version });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('JX_CALLBACK_CHANNEL_CONFLICT');
    expect(refused.json.error.message).toContain(
      'Channel card-platform is awaited by node wait of flow top-up v1',
    );
    expect(refused.json.error.details).toMatchObject({
      channel: 'card-platform',
      setting: 'credential',
      node: { flowId: 'order-card', version, nodeId: 'wait', value: 'sig-b' },
      conflictsWith: { flowId: 'top-up', version: 1, nodeId: 'wait', value: 'sig-a' },
    });
    expect(refused.text).not.toContain('secret-value');
    const still = await t.api('GET', '/api/flows/order-card');
    expect(still.json.deployment.version).toBe(version - 1);
  });

  it('refuses a canary with another keyPath and leaves the deployment as it was', async () => {
    const main = (await t.api('GET', '/api/flows/order-card')).json.deployment.version;
    const canary = await saveVersion(awaiting('order-card', { keyPath: 'out_trade_no' }));
    const refused = await t.api('POST', '/api/flows/order-card/deploy', {
      version: main,
      canary: { version: canary, percent: 10 },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error.details).toMatchObject({
      setting: 'keyPath',
      node: { version: canary, value: 'out_trade_no' },
    });
    expect((await t.api('GET', '/api/flows/order-card')).json.deployment.canary).toBeUndefined();
  });

  it('lets the only flow on a channel change its settings (its own deployment is replaced)', async () => {
    const solo = await saveVersion(awaiting('solo', { channel: 'solo-channel' }));
    expect((await t.api('POST', '/api/flows/solo/deploy', { version: solo })).status).toBe(200);
    const changed = await saveVersion(awaiting('solo', { channel: 'solo-channel', ack: 'OK' }));
    expect((await t.api('POST', '/api/flows/solo/deploy', { version: changed })).status).toBe(200);
  });

  it('refuses rolling back to a previous version that disagrees with a flow deployed since', async () => {
    const old = await saveVersion(awaiting('legacy', { channel: 'legacy-channel', ack: 'OK' }));
    expect((await t.api('POST', '/api/flows/legacy/deploy', { version: old })).status).toBe(200);
    const current = await saveVersion(awaiting('legacy', { channel: 'other-channel' }));
    expect((await t.api('POST', '/api/flows/legacy/deploy', { version: current })).status).toBe(200);
    const newcomer = await saveVersion(awaiting('newcomer', { channel: 'legacy-channel' }));
    expect((await t.api('POST', '/api/flows/newcomer/deploy', { version: newcomer })).status).toBe(200);
    const rollback = await t.api('POST', '/api/flows/legacy/deploy/rollback');
    expect(rollback.status).toBe(409);
    expect(rollback.json.error.details).toMatchObject({ channel: 'legacy-channel', setting: 'ack' });
  });

  it('warns at validate time with a pointer to the differing setting', async () => {
    const document = awaiting('order-card', { ack: 'OK' });
    const validated = await t.api('POST', '/api/flows/order-card/validate', document);
    expect(validated.status).toBe(200);
    const index = document.nodes.findIndex((n) => n.id === 'wait');
    expect(validated.json.problems).toEqual([
      expect.objectContaining({
        code: 'JX_CALLBACK_CHANNEL_CONFLICT',
        severity: 'warning',
        pointer: `/nodes/${index}/config/ack`,
        nodeId: 'wait',
      }),
    ]);
    const clean = await t.api('POST', '/api/flows/order-card/validate', awaiting('order-card'));
    expect(clean.json.problems).toEqual([]);
  });
});
