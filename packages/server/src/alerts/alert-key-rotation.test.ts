import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';
import { rotateMasterKey } from '../vault/rotate-master-key.ts';
import { type Receiver, startReceiver } from './alert-receiver.test-helper.ts';

let t: TestServer;
let rx: Receiver;

beforeAll(async () => {
  rx = await startReceiver();
  t = await startTestServer({
    egress: { allow: [rx.host] },
    alerts: { intervalMs: 0, channelBaseUrls: [rx.base], delivery: { attempts: 1, backoffMs: 1 } },
  });
});
afterAll(async () => {
  await t?.close();
  await rx?.close();
});

describe('alert channels across a master key rotation', () => {
  it('are resealed with the credentials, so a rule still notifies after the old key is gone', async () => {
    await t.api('PUT', '/api/flows/failing', fixture('failing'));
    const created = await t.api('POST', '/api/alerts/rules', {
      name: 'Any failure',
      kind: 'failure-rate',
      flowId: 'failing',
      threshold: 0,
      minRuns: 1,
      channels: [{ kind: 'webhook', url: `${rx.base}rotated`, secret: 'k' }],
    });
    expect(created.status).toBe(201);
    await t.server.close();
    const rotation = await rotateMasterKey(t.dataDir, undefined);
    expect(rotation.keyId).toBeTruthy();
    await t.restart();
    await t.api('POST', '/api/flows/failing/versions');
    await t.api('POST', '/api/flows/failing/deploy', { version: 1 });
    await t.api('POST', '/api/flows/failing/runs?wait=true', { input: {} });
    const [event] = await t.server.alerts.evaluateOnce();
    expect(event).toMatchObject({ type: 'firing', deliveries: [{ ok: true }] });
    expect(rx.on('/rotated')).toHaveLength(1);
  });
});
