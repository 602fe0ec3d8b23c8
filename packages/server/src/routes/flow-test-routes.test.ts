import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

const SECRET = 'cb-SECRET-7e57ca5e';
const read = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../flow-tests/fixtures/${name}`, import.meta.url)), 'utf8'));
const timed = read('timed-payment.flow.json');
const timedTests = read('timed-payment.tests.json');
let t: TestServer;

async function finished(runId: string, want: string): Promise<ApiResponse['json']> {
  let detail = await t.api('GET', `/api/runs/${runId}`);
  for (let i = 0; i < 200 && detail.json.run.status !== want; i++) {
    await new Promise((r) => setTimeout(r, 20));
    detail = await t.api('GET', `/api/runs/${runId}`);
  }
  return detail.json;
}

beforeAll(async () => {
  t = await startTestServer();
  expect((await t.api('PUT', `/api/flows/${timed.id}`, timed)).status).toBe(200);
});
afterAll(async () => t.close());

describe('a flow test file stored beside the flow', () => {
  it('reads null before any save, stores a valid file and reads it back', async () => {
    const empty = await t.api('GET', '/api/flows/timed-payment/tests');
    expect(empty.json).toEqual({ flowId: 'timed-payment', tests: null, updatedAt: null });
    const saved = await t.api('PUT', '/api/flows/timed-payment/tests', { ...timedTests, flow: 'x.json' });
    expect(saved.status).toBe(200);
    expect(saved.json.tests.cases).toHaveLength(timedTests.cases.length);
    expect(saved.json.tests.flow).toBeUndefined();
    const again = await t.api('GET', '/api/flows/timed-payment/tests');
    expect(again.json).toEqual({
      flowId: 'timed-payment',
      tests: saved.json.tests,
      updatedAt: saved.json.updatedAt,
    });
  });

  it('refuses an invalid file with 422 and every problem at its pointer; an unknown flow is 404', async () => {
    const bad = await t.api('PUT', '/api/flows/timed-payment/tests', {
      schemaVersion: 1,
      cases: [{ name: 'x', mocks: { nope: { output: 1 } }, expect: {} }, { expect: {} }],
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe('JX_FLOW_TESTS_INVALID');
    expect(bad.json.error.details.problems).toContainEqual({
      pointer: '/cases/1/name',
      message: expect.any(String),
    });
    const ghost = await t.api('PUT', '/api/flows/timed-payment/tests', {
      schemaVersion: 1,
      cases: [{ name: 'x', mocks: { nope: { output: 1 } }, expect: {} }],
    });
    expect(ghost.json.error.details.problems).toEqual([
      { pointer: '/cases/0/mocks/nope', message: 'names node nope, which flow timed-payment does not have' },
    ]);
    expect((await t.api('PUT', '/api/flows/ghost/tests', timedTests)).status).toBe(404);
    expect((await t.api('GET', '/api/flows/ghost/tests')).status).toBe(404);
    expect((await t.api('POST', '/api/flows/ghost/tests/run', {})).status).toBe(404);
  });

  it('runs the stored tests against the draft, some cases, or given tests', async () => {
    const all = await t.api('POST', '/api/flows/timed-payment/tests/run', {});
    expect(all.status).toBe(200);
    expect(all.json).toMatchObject({ flowId: 'timed-payment', passed: true });
    expect(all.json.cases.map((c: { passed: boolean }) => c.passed)).toEqual(
      timedTests.cases.map(() => true),
    );
    const name = timedTests.cases[1].name;
    const one = await t.api('POST', '/api/flows/timed-payment/tests/run', { cases: [name] });
    expect(one.json.cases.map((c: { name: string }) => c.name)).toEqual([name]);
    const unknown = await t.api('POST', '/api/flows/timed-payment/tests/run', { cases: ['no such case'] });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('JX_FLOW_TEST_CASE_NOT_FOUND');
    const declined = { charge: { error: { code: 'JX_CARD_DECLINED', retryable: false } } };
    const wrong = {
      schemaVersion: 1,
      cases: [{ name: 'wrong', input: { orderNo: 'W-1' }, mocks: declined, expect: { status: 'succeeded' } }],
    };
    const given = await t.api('POST', '/api/flows/timed-payment/tests/run', { tests: wrong });
    expect(given.json.passed).toBe(false);
    expect(given.json.cases[0].failures[0].pointer).toBe('/expect/status');
  });

  it('runs against an unsaved document: a broken one fails the cases it breaks', async () => {
    const broken = { ...timed, edges: timed.edges.filter((e: { id: string }) => e.id !== 'e4') };
    const result = await t.api('POST', '/api/flows/timed-payment/tests/run', { document: broken });
    expect(result.status).toBe(200);
    expect(result.json.passed).toBe(false);
    expect(result.json.cases[0]).toMatchObject({ passed: false });
    const other = await t.api('POST', '/api/flows/timed-payment/tests/run', {
      document: { ...timed, id: 'x' },
    });
    expect(other.json.error.code).toBe('JX_FLOW_ID_MISMATCH');
    const invalid = await t.api('POST', '/api/flows/timed-payment/tests/run', {
      document: { ...timed, nodes: [] },
    });
    expect(invalid.status).toBe(422);
  });

  it('records the result with a version, shown by the versions API', async () => {
    const version = (await t.api('POST', '/api/flows/timed-payment/versions')).json.version;
    const before = await t.api('GET', `/api/flows/timed-payment/versions/${version}`);
    expect(before.json.tests).toBeUndefined();
    const ran = await t.api('POST', '/api/flows/timed-payment/tests/run', { version });
    expect(ran.json).toMatchObject({ passed: true, version, recorded: { passed: true, failed: 0 } });
    const after = await t.api('GET', `/api/flows/timed-payment/versions/${version}`);
    expect(after.json.tests).toEqual({
      passed: true,
      ranAt: expect.any(Number),
      total: timedTests.cases.length,
      failed: 0,
    });
    const list = await t.api('GET', '/api/flows/timed-payment/versions');
    expect(list.json.versions.find((v: { version: number }) => v.version === version).tests).toEqual(
      after.json.tests,
    );
    const missing = await t.api('POST', '/api/flows/timed-payment/tests/run', { version: 99 });
    expect(missing.status).toBe(404);
  });

  it('is in the OpenAPI document with its scopes', async () => {
    const routes = t.server.routes.filter(
      (r) => r.method !== 'HEAD' && (r.url.includes('/tests') || r.url.endsWith('/test-case')),
    );
    expect(routes.map((r) => [r.method, r.url, r.access]).sort()).toEqual(
      [
        ['GET', '/api/flows/:id/tests', 'flows:read'],
        ['GET', '/api/runs/:id/test-case', 'flows:read'],
        ['POST', '/api/flows/:id/tests/run', 'runs:write'],
        ['PUT', '/api/flows/:id/tests', 'flows:write'],
      ].sort(),
    );
    const paths = t.server.openapi().paths ?? {};
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/flows/{id}/tests',
        '/api/flows/{id}/tests/run',
        '/api/runs/{id}/test-case',
      ]),
    );
  });
});

describe('a draft test case made from a run ("save as test")', () => {
  beforeAll(async () => {
    const credential = await t.api('POST', '/api/credentials', {
      id: 'callback-signing',
      name: 'Supplier callbacks',
      kind: 'hmac-header',
      allowedHosts: ['supplier.test'],
      data: { secret: SECRET },
    });
    expect(credential.status).toBe(201);
    const flow = fixture('await');
    expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
    const version = await t.api('POST', `/api/flows/${flow.id}/versions`);
    await t.api('POST', `/api/flows/${flow.id}/deploy`, { version: version.json.version });
  });

  it('turns a run that received a callback into a case that passes, and fails once the flow breaks', async () => {
    const started = await t.api('POST', '/api/flows/await-order/runs?wait=true', { input: { order: 'S-1' } });
    const runId = started.json.run.id;
    const raw = JSON.stringify({ order_no: 'S-1', state: 'success' });
    const signature = createHmac('sha256', SECRET).update(raw).digest('hex');
    const headers = { 'content-type': 'application/json', 'x-signature': signature };
    expect((await t.api('POST', '/callbacks/orders', undefined, { token: null, raw, headers })).status).toBe(
      200,
    );
    await finished(runId, 'succeeded');

    const draft = await t.api('GET', `/api/runs/${runId}/test-case`);
    expect(draft.status).toBe(200);
    expect(draft.json).toMatchObject({
      input: { order: 'S-1' },
      callbacks: [{ channel: 'orders', key: 'S-1', body: { order_no: 'S-1', state: 'success' } }],
      expect: {
        status: 'succeeded',
        response: { status: 200, body: { equals: { delivered: 'S-1', state: 'success' } } },
        ran: expect.arrayContaining(['wait', 'deliver']),
      },
    });
    expect(draft.json.callbacks[0].at).toBeGreaterThanOrEqual(0);

    // What the editor does next: append the case, save the file, run it.
    const tests = { schemaVersion: 1, cases: [draft.json] };
    expect((await t.api('PUT', '/api/flows/await-order/tests', tests)).status).toBe(200);
    const ran = await t.api('POST', '/api/flows/await-order/tests/run', {});
    expect(ran.json.cases[0].failures).toEqual([]);
    expect(ran.json.passed).toBe(true);
    const flow = fixture('await');
    const broken = await t.api('POST', '/api/flows/await-order/tests/run', {
      document: { ...flow, edges: flow.edges.filter((e) => e.id !== 'e2') },
    });
    expect(broken.json.passed).toBe(false);
  });

  it('turns a callback that came before the run waited into one that races the run again (early)', async () => {
    const raw = JSON.stringify({ order_no: 'S-3', state: 'success' });
    const signature = createHmac('sha256', SECRET).update(raw).digest('hex');
    const headers = { 'content-type': 'application/json', 'x-signature': signature };
    expect((await t.api('POST', '/callbacks/orders', undefined, { token: null, raw, headers })).status).toBe(
      200,
    );
    const started = await t.api('POST', '/api/flows/await-order/runs?wait=true', { input: { order: 'S-3' } });
    await finished(started.json.run.id, 'succeeded');
    const draft = await t.api('GET', `/api/runs/${started.json.run.id}/test-case`);
    expect(draft.json.callbacks).toEqual([
      { during: 'start', channel: 'orders', key: 'S-3', body: { order_no: 'S-3', state: 'success' } },
    ]);
    const ran = await t.api('POST', '/api/flows/await-order/tests/run', {
      tests: {
        schemaVersion: 1,
        cases: [{ ...draft.json, expect: { ...draft.json.expect, callbacks: ['early'] } }],
      },
    });
    expect(ran.json.cases[0].failures).toEqual([]);
  });

  it('works for editor test runs too, which are stored as runs', async () => {
    const run = await t.api('POST', '/api/test-runs', { flow: fixture('hello'), input: { name: 'Ada' } });
    expect(run.status).toBe(201);
    const detail = await finished(run.json.runId, 'succeeded');
    expect(detail.run.test).toBe(true);
    const draft = await t.api('GET', `/api/runs/${run.json.runId}/test-case`);
    expect(draft.status).toBe(200);
    expect(draft.json).toMatchObject({ input: { name: 'Ada' }, expect: { status: 'succeeded' } });
    expect(draft.json.description).toContain('test run');
  });

  it('refuses an unknown run (404); a waiting run makes a case that expects it to wait', async () => {
    expect((await t.api('GET', '/api/runs/nope/test-case')).json.error.code).toBe('JX_RUN_NOT_FOUND');
    const started = await t.api('POST', '/api/flows/await-order/runs?wait=true', { input: { order: 'S-2' } });
    // A waiting run is not running: its draft expects it to wait.
    const waiting = await t.api('GET', `/api/runs/${started.json.run.id}/test-case`);
    expect(waiting.json.expect.status).toBe('waiting');
  });
});
