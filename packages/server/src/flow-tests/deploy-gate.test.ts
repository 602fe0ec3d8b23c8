import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const read = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`fixtures/${name}`, import.meta.url)), 'utf8'));
const flow = read('timed-payment.flow.json');
const tests = read('timed-payment.tests.json');
/** The callback no longer leads to `paid`: the cases that expect a payment fail. */
const broken = { ...flow, edges: flow.edges.filter((e: { id: string }) => e.id !== 'e4') };

async function saveVersion(t: TestServer, document: unknown): Promise<number> {
  expect((await t.api('PUT', `/api/flows/${flow.id}`, document)).status).toBe(200);
  return (await t.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
}

describe('the deploy gate (--require-tests)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ requireTests: true });
  });
  afterAll(async () => t.close());

  it('is shown in /api/health', async () => {
    const health = await t.api('GET', '/api/health', undefined, { token: null });
    expect(health.json.settings.requireTests).toBe(true);
  });

  it('refuses a flow without tests (409 JX_DEPLOY_TESTS_MISSING)', async () => {
    const version = await saveVersion(t, flow);
    const refused = await t.api('POST', `/api/flows/${flow.id}/deploy`, { version });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({
      code: 'JX_DEPLOY_TESTS_MISSING',
      details: { flowId: flow.id },
    });
    expect((await t.api('GET', `/api/flows/${flow.id}`)).json.deployment ?? null).toBeNull();
  });

  it('deploys a version whose tests pass, and records the result with it', async () => {
    expect((await t.api('PUT', `/api/flows/${flow.id}/tests`, tests)).status).toBe(200);
    const version = await saveVersion(t, flow);
    const deployed = await t.api('POST', `/api/flows/${flow.id}/deploy`, { version });
    expect(deployed.status).toBe(200);
    expect(deployed.json.deployment).toMatchObject({ version });
    const shown = await t.api('GET', `/api/flows/${flow.id}/versions/${version}`);
    expect(shown.json.tests).toMatchObject({ passed: true, total: tests.cases.length, failed: 0 });
  });

  it('refuses a version whose tests fail (409 JX_DEPLOY_TESTS_FAILED naming the cases), recorded too', async () => {
    const good = (await t.api('GET', `/api/flows/${flow.id}/versions`)).json.versions[0].version;
    const bad = await saveVersion(t, broken);
    const refused = await t.api('POST', `/api/flows/${flow.id}/deploy`, { version: bad });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('JX_DEPLOY_TESTS_FAILED');
    const failing = tests.cases[0].name;
    expect(refused.json.error.details.failedCases).toContain(failing);
    expect(refused.json.error.details.results).toEqual([
      expect.objectContaining({
        version: bad,
        passed: false,
        failedCases: expect.arrayContaining([failing]),
      }),
    ]);
    const shown = await t.api('GET', `/api/flows/${flow.id}/versions/${bad}`);
    expect(shown.json.tests).toMatchObject({ passed: false, total: tests.cases.length });
    expect(shown.json.tests.failed).toBeGreaterThan(0);
    // The good version stays live; a canary of the bad one is refused the same way.
    const canary = await t.api('POST', `/api/flows/${flow.id}/deploy`, {
      version: good,
      canary: { version: bad, percent: 10 },
    });
    expect(canary.status).toBe(409);
    expect(canary.json.error.details.results.map((r: { version: number }) => r.version)).toEqual([good, bad]);
    const entry = (await t.api('GET', `/api/flows/${flow.id}`)).json;
    expect(entry.deployment).toMatchObject({ version: good });
    expect(entry.deployment.canary ?? null).toBeNull();
  });
});

describe('without the setting', () => {
  it('deploys as before, tests or not, and says so in /api/health', async () => {
    const t = await startTestServer();
    try {
      const health = await t.api('GET', '/api/health', undefined, { token: null });
      expect(health.json.settings.requireTests).toBe(false);
      const version = await saveVersion(t, broken);
      expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
      expect((await t.api('GET', `/api/flows/${flow.id}/versions/${version}`)).json.tests).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
