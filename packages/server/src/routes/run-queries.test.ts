import type { FlowDocument } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;

async function deploy(name: string): Promise<void> {
  const flow = fixture(name);
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const { version } = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json;
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
}

async function finished(runId: string): Promise<ApiResponse['json']> {
  let detail = await t.api('GET', `/api/runs/${runId}`);
  for (let i = 0; i < 100 && ['running', 'pending'].includes(detail.json.run.status); i++) {
    await new Promise((r) => setTimeout(r, 20));
    detail = await t.api('GET', `/api/runs/${runId}`);
  }
  return detail.json;
}

const map = (id: string, x: number, y = 0) => ({
  id,
  type: 'transform.map',
  typeVersion: 1,
  position: { x, y },
  config: { mapping: { step: id } },
});
const edge = (id: string, source: string, target: string) => ({
  id,
  source: { node: source, port: 'out' },
  target: { node: target, port: 'in' },
});

beforeAll(async () => {
  t = await startTestServer();
  await deploy('hello');
  await deploy('failing');
});
afterAll(async () => t.close());

describe('GET /api/runs?since&until', () => {
  it('filters on the creation time: since inclusive, until exclusive', async () => {
    const runs: { id: string; createdAt: number }[] = [];
    for (const name of ['r1', 'r2', 'r3']) {
      const response = await t.api('POST', '/api/flows/hello/runs?wait=true', { input: { name } });
      runs.push({ id: response.json.run.id, createdAt: response.json.run.createdAt });
      // Distinct milliseconds, so each boundary falls between two runs.
      await new Promise((r) => setTimeout(r, 5));
    }
    const [r1, r2, r3] = runs as [(typeof runs)[0], (typeof runs)[0], (typeof runs)[0]];
    expect(r1.createdAt).toBeLessThan(r2.createdAt);
    expect(r2.createdAt).toBeLessThan(r3.createdAt);
    const ids = async (query: string): Promise<string[]> => {
      const response = await t.api('GET', `/api/runs?flowId=hello&${query}`);
      expect(response.status).toBe(200);
      return response.json.runs.map((r: { id: string }) => r.id);
    };
    expect(await ids(`since=${r2.createdAt}`)).toEqual([r3.id, r2.id]);
    expect(await ids(`until=${r2.createdAt}`)).toEqual([r1.id]);
    expect(await ids(`since=${r1.createdAt}&until=${r3.createdAt}`)).toEqual([r2.id, r1.id]);
    expect(await ids(`since=${r3.createdAt + 1}`)).toEqual([]);
    const bad = await t.api('GET', '/api/runs?since=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('JX_BAD_REQUEST');
  });
});

describe('POST /api/test-runs with stopAfter', () => {
  it('runs only the target and its ancestors', async () => {
    // start → a → b → c, and a side branch start → side.
    const flow: FlowDocument = {
      ...fixture('hello'),
      id: 'stop-after',
      nodes: [fixture('hello').nodes[0]!, map('a', 200), map('b', 400), map('c', 600), map('side', 200, 200)],
      edges: [
        edge('e1', 'start', 'a'),
        edge('e2', 'a', 'b'),
        edge('e3', 'b', 'c'),
        edge('e4', 'start', 'side'),
      ],
    } as FlowDocument;
    const started = await t.api('POST', '/api/test-runs', { flow, input: {}, stopAfter: 'b' });
    expect(started.status).toBe(201);
    const detail = await finished(started.json.runId);
    expect(detail.run).toMatchObject({ status: 'succeeded', test: true });
    const ran = detail.nodes
      .filter((n: { status: string }) => n.status === 'succeeded')
      .map((n: { nodeId: string }) => n.nodeId)
      .sort();
    expect(ran).toEqual(['a', 'b', 'start']);
    const b = detail.nodes.find((n: { nodeId: string }) => n.nodeId === 'b');
    expect(b.output).toEqual({ out: { step: 'b' } });

    const unknown = await t.api('POST', '/api/test-runs', { flow, stopAfter: 'nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('JX_NODE_NOT_FOUND');
  });
});

describe('GET /api/stats error log', () => {
  it('lists failed runs with a runId that opens the run', async () => {
    const failures: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await t.api('POST', '/api/flows/failing/runs?wait=true', { input: {} });
      failures.push(response.json.run.id);
    }
    const stats = await t.api('GET', '/api/stats?flowId=failing');
    expect(stats.status).toBe(200);
    const errors = stats.json.errors as { runId: string; code: string; flowId: string }[];
    expect(errors.map((e) => e.runId).sort()).toEqual([...failures].sort());
    for (const entry of errors) {
      expect(entry).toMatchObject({ flowId: 'failing', version: 1, code: 'JX_USER_BOOM' });
      const run = await t.api('GET', `/api/runs/${entry.runId}`);
      expect(run.status).toBe(200);
      expect(run.json.run).toMatchObject({ id: entry.runId, status: 'failed', error: { code: entry.code } });
    }
    // Test runs never reach the dashboard's error log.
    const test = await t.api('POST', '/api/test-runs', { flow: fixture('failing') });
    expect((await finished(test.json.runId)).run.status).toBe('failed');
    const again = await t.api('GET', '/api/stats?flowId=failing');
    expect(again.json.errors).toHaveLength(2);
  });
});
