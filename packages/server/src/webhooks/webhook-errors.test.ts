import type { FlowDocument } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

function failingHook(id: string, details?: unknown): FlowDocument {
  return {
    schemaVersion: 1,
    id,
    name: id,
    nodes: [
      {
        id: 'hook',
        type: 'trigger.webhook',
        typeVersion: 1,
        position: { x: 0, y: 0 },
        config: { method: 'POST', path: id, responseMode: 'onFinish' },
      },
      {
        id: 'refuse',
        type: 'flow.fail',
        typeVersion: 1,
        position: { x: 200, y: 0 },
        config: { code: 'OUT_OF_STOCK', message: 'Nothing left.', ...(details ? { details } : {}) },
      },
    ],
    edges: [{ id: 'e1', source: { node: 'hook', port: 'out' }, target: { node: 'refuse', port: 'in' } }],
  } as FlowDocument;
}

async function deploy(flow: FlowDocument): Promise<void> {
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const version = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
}

describe('webhook answers for failed runs', () => {
  it('answers a flow.fail refusal with 422, or with the status the flow gives', async () => {
    await deploy(failingHook('refuse-plain'));
    await deploy(failingHook('refuse-409', { status: 409 }));
    const plain = await t.api('POST', '/hooks/refuse-plain', {}, { token: null });
    expect(plain.status).toBe(422);
    expect(plain.json.error).toMatchObject({ code: 'JX_USER_OUT_OF_STOCK', message: 'Nothing left.' });
    const conflict = await t.api('POST', '/hooks/refuse-409', {}, { token: null });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error.details.runId).toBe(conflict.headers.get('x-junction-run-id'));
  });
});
