import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
let version: number;
beforeAll(async () => {
  t = await startTestServer();
  const flow = fixture('webhook');
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  version = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
});
afterAll(async () => t.close());

describe('canary deploys', () => {
  it('refuses a canary whose match or routingKey does not parse, pointing at it', async () => {
    for (const [field, expression] of [
      ['match', '=foo('],
      ['routingKey', '=$$$('],
    ] as const) {
      const response = await t.api('POST', '/api/flows/orders-hook/deploy', {
        version,
        canary: { version, percent: 50, [field]: expression },
      });
      expect(response.status, field).toBe(422);
      expect(response.json.error.code).toBe('JX_EXPRESSION_SYNTAX');
      expect(response.json.error.details.pointer).toBe(`/canary/${field}`);
    }
    expect((await t.api('POST', '/hooks/orders', { order: 'A' }, { token: null })).status).toBe(404);
  });

  it('runs on the main version when a valid expression fails for a payload', async () => {
    const deployed = await t.api('POST', '/api/flows/orders-hook/deploy', {
      version,
      canary: { version, percent: 100, routingKey: '=$error("no key")' },
    });
    expect(deployed.status).toBe(200);
    const response = await t.api('POST', '/hooks/orders', { order: 'A' }, { token: null });
    expect(response.status).toBe(200);
    const run = await t.api('GET', `/api/runs/${response.headers.get('x-junction-run-id')}`);
    expect(run.json.run.tags ?? {}).not.toHaveProperty('canary');
    expect(t.logs.join('')).toContain('canary expression failed');
  });
});
