import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;

async function deploy(server: TestServer, name: string): Promise<void> {
  const flow = fixture(name);
  expect((await server.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const version = await server.api('POST', `/api/flows/${flow.id}/versions`);
  expect(
    (await server.api('POST', `/api/flows/${flow.id}/deploy`, { version: version.json.version })).status,
  ).toBe(200);
}

beforeAll(async () => {
  t = await startTestServer();
  await deploy(t, 'hello');
  await deploy(t, 'failing');
});
afterAll(async () => t.close());

describe('runs API', () => {
  it('starts a deployed flow and waits for it with ?wait=true', async () => {
    const response = await t.api('POST', '/api/flows/hello/runs?wait=true', { input: { name: 'Ada' } });
    expect(response.status).toBe(200);
    expect(response.json.run).toMatchObject({ flowId: 'hello', flowVersion: 1, status: 'succeeded' });
    expect(JSON.stringify(response.json.run.output)).toContain('hello Ada');
  });

  it('starts a run asynchronously (202) and shows it with per-node journal', async () => {
    const started = await t.api('POST', '/api/flows/hello/runs', { input: { name: 'Bob' } });
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ runId: expect.any(String), version: 1 });
    let detail = await t.api('GET', `/api/runs/${started.json.runId}`);
    for (let i = 0; i < 50 && detail.json.run.status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      detail = await t.api('GET', `/api/runs/${started.json.runId}`);
    }
    expect(detail.json.run.status).toBe('succeeded');
    const greet = detail.json.nodes.find((n: { nodeId: string }) => n.nodeId === 'greet');
    expect(greet).toMatchObject({ status: 'succeeded', attempts: 1, error: null });
    expect(JSON.stringify(greet.output)).toContain('hello Bob');
    expect(typeof greet.durationMs).toBe('number');
    expect(detail.json.journal.length).toBeGreaterThan(2);
  });

  it('records a failing run with its error and lists runs by flow and status', async () => {
    const response = await t.api('POST', '/api/flows/failing/runs?wait=true', { input: {} });
    expect(response.json.run.status).toBe('failed');
    expect(response.json.run.error.code).toBe('JX_USER_BOOM');
    const failed = await t.api('GET', '/api/runs?flowId=failing&status=failed');
    expect(failed.json.runs.length).toBeGreaterThanOrEqual(1);
    expect(
      failed.json.runs.every(
        (r: { flowId: string; status: string }) => r.flowId === 'failing' && r.status === 'failed',
      ),
    ).toBe(true);
    const bad = await t.api('GET', '/api/runs?status=exploded');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('JX_BAD_REQUEST');
  });

  it('refuses to run a flow that is not deployed or does not exist', async () => {
    await t.api('PUT', '/api/flows/draft', { ...fixture('hello'), id: 'draft' });
    const notDeployed = await t.api('POST', '/api/flows/draft/runs', { input: {} });
    expect(notDeployed.status).toBe(409);
    expect(notDeployed.json.error.code).toBe('JX_FLOW_NOT_DEPLOYED');
    const missing = await t.api('POST', '/api/flows/nope/runs', { input: {} });
    expect(missing.status).toBe(404);
    expect((await t.api('GET', '/api/runs/nope')).json.error.code).toBe('JX_RUN_NOT_FOUND');
  });

  it('runs an unsaved document as a test run, with pinned outputs, over SSE', async () => {
    const flow = fixture('hello');
    const started = await t.api('POST', '/api/test-runs', {
      flow,
      input: { name: 'ignored' },
      pinned: { start: { out: { name: 'Pinned' } } },
    });
    expect(started.status).toBe(201);
    const events = await readEvents(`${t.url}/api/runs/${started.json.runId}/events?access_token=${t.token}`);
    expect(events[0]?.event).toBe('snapshot');
    const last = events.at(-1)!;
    const finalRun = last.event === 'snapshot' ? last.data.run : last.data.run;
    expect(finalRun.status).toBe('succeeded');
    const detail = await t.api('GET', `/api/runs/${started.json.runId}`);
    expect(detail.json.run.test).toBe(true);
    expect(JSON.stringify(detail.json.run.output)).toContain('hello Pinned');

    const invalid = await t.api('POST', '/api/test-runs', { flow: fixture('invalid') });
    expect(invalid.status).toBe(422);
    expect(invalid.json.error.details.problems.length).toBeGreaterThan(0);
  });

  it('fails a run whose node output is too large: 422 for ?wait=true', async () => {
    const small = await startTestServer({ maxOutputBytes: 64 });
    try {
      await deploy(small, 'hello');
      const response = await small.api('POST', '/api/flows/hello/runs?wait=true', {
        input: { name: 'x'.repeat(500) },
      });
      expect(response.status).toBe(422);
      expect(response.json.error.code).toBe('JX_OUTPUT_TOO_LARGE');
      const runs = await small.api('GET', '/api/runs?flowId=hello');
      expect(runs.json.runs[0].error.code).toBe('JX_OUTPUT_TOO_LARGE');
    } finally {
      await small.close();
    }
  });
});

/** Reads a whole SSE stream (it ends with the run's final event). */
async function readEvents(url: string): Promise<{ event: string; data: ApiResponse['json'] }[]> {
  const response = await fetch(url);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const text = await response.text();
  return text
    .trim()
    .split('\n\n')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null');
      return { event, data };
    });
}
