import { join } from 'node:path';
import { createSqliteStore } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;

async function status(runId: string, want: string): Promise<string> {
  let run = (await t.api('GET', `/api/runs/${runId}`)).json.run;
  for (let i = 0; i < 200 && run.status !== want; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    run = (await t.api('GET', `/api/runs/${runId}`)).json.run;
  }
  return run.status;
}

beforeAll(async () => {
  t = await startTestServer();
  const flow = fixture('scale-await');
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  expect((await t.api('POST', `/api/flows/${flow.id}/versions`)).status).toBe(201);
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version: 1 })).status).toBe(200);
});

afterAll(async () => {
  await t?.close();
});

describe('the waiting invariant, on demand', () => {
  it('reports a run that nothing can wake, repairs it, and the callback then resumes it', async () => {
    expect((await t.api('GET', '/api/system/invariants')).json).toMatchObject({ ok: true, stranded: [] });
    const hook = await t.api('POST', '/hooks/scale/await', { order: 'INV-1' }, { token: null });
    const runId = hook.headers.get('x-junction-run-id')!;
    expect(await status(runId, 'waiting')).toBe('waiting');

    // What the scale-out defects left behind: `waiting`, with no wait, timer or pending resume.
    const side = createSqliteStore({ path: join(t.dataDir, 'junction.db') });
    await side.clearRunWaits(runId);
    await side.close();

    const found = (await t.api('GET', '/api/system/invariants')).json;
    expect(found).toMatchObject({ ok: false, stranded: [{ runId, flowId: 'scale-await' }] });
    const repair = await t.api('POST', '/api/system/repair');
    expect(repair.json).toEqual({ found: [runId], repaired: [runId], skipped: [] });
    expect((await t.api('GET', '/api/system/invariants')).json).toMatchObject({ ok: true, stranded: [] });

    const callback = await t.api(
      'POST',
      '/callbacks/scale-orders',
      { order: 'INV-1', state: 'paid' },
      { token: null },
    );
    expect(callback.text).toBe('success');
    expect(await status(runId, 'succeeded')).toBe('succeeded');
  });

  it('needs a token with the right scope', async () => {
    expect((await t.api('GET', '/api/system/invariants', undefined, { token: null })).status).toBe(401);
    expect((await t.api('POST', '/api/system/repair', undefined, { token: null })).status).toBe(401);
  });
});
