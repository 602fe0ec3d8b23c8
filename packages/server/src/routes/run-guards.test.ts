import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  const flow = fixture('hello');
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const version = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
});
afterAll(async () => t.close());

describe('test-run pins', () => {
  it('refuses a pin for a node the flow does not have (404) or a port the node lacks (422)', async () => {
    const flow = fixture('hello');
    const ghost = await t.api('POST', '/api/test-runs', { flow, pinned: { ghost: { out: 1 } } });
    expect(ghost.status).toBe(404);
    expect(ghost.json.error).toMatchObject({ code: 'JX_NODE_NOT_FOUND', details: { nodeId: 'ghost' } });
    const port = await t.api('POST', '/api/test-runs', { flow, pinned: { start: { nope: 1 } } });
    expect(port.status).toBe(422);
    expect(port.json.error).toMatchObject({
      code: 'JX_PORT_UNKNOWN',
      details: { nodeId: 'start', port: 'nope' },
    });
    const fine = await t.api('POST', '/api/test-runs', { flow, pinned: { start: { out: { name: 'P' } } } });
    expect(fine.status).toBe(201);
  });
});

describe('cancelling runs', () => {
  it('answers 409 JX_RUN_FINISHED for a run that already ended', async () => {
    const run = await t.api('POST', '/api/flows/hello/runs?wait=true', { input: { name: 'Ada' } });
    expect(run.json.run.status).toBe('succeeded');
    const cancel = await t.api('POST', `/api/runs/${run.json.run.id}/cancel`);
    expect(cancel.status).toBe(409);
    expect(cancel.json.error).toMatchObject({ code: 'JX_RUN_FINISHED', details: { status: 'succeeded' } });
  });

  it('gives server-made run ids that sort by time (UUIDv7)', async () => {
    const started = await t.api('POST', '/api/flows/hello/runs', { input: { name: 'B' } });
    expect(started.json.runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });
});
