import type { FlowDocument } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

// Duplicate notices and await conditions over real HTTP. A notice is identified by its body: the
// supplier's retry of one already delivered to a run resumes nothing — not the wait it resumed, and
// not a later wait of the same run on the same key. The condition reads body, headers and query.

let t: TestServer;

type NodeView = { nodeId: string; status: string; noted?: { payload: unknown }[] };
type RunView = { run: { id: string; status: string; output?: unknown }; nodes: NodeView[] };

async function deploy(flow: FlowDocument): Promise<void> {
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const { version } = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json as { version: number };
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
}

async function start(flowId: string, order: string): Promise<string> {
  const started = await t.api('POST', `/api/flows/${flowId}/runs?wait=true`, { input: { order } });
  expect(started.json.run.status).toBe('waiting');
  return started.json.run.id as string;
}

function notify(channel: string, body: unknown, headers: Record<string, string> = {}, query = '') {
  return t.api('POST', `/callbacks/${channel}${query}`, undefined, {
    token: null,
    raw: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

async function view(runId: string): Promise<RunView> {
  return (await t.api('GET', `/api/runs/${runId}`)).json as RunView;
}

/** Polls the run view until `done` holds (the run resumes in the background after the answer). */
async function until(runId: string, done: (run: RunView) => boolean, what: string): Promise<RunView> {
  for (let i = 0; i < 250; i++) {
    const run = await view(runId);
    if (done(run)) return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const nodeOf = (run: RunView, nodeId: string) => run.nodes.find((node) => node.nodeId === nodeId);
const waitingAt = (nodeId: string) => (run: RunView) =>
  run.run.status === 'waiting' && nodeOf(run, nodeId)?.status === 'waiting';

async function outcomes(channel: string, limit: number): Promise<string[]> {
  const log = await t.api('GET', `/api/callbacks?channel=${channel}&limit=${limit}`);
  return (log.json.callbacks as { outcome: string }[]).map((entry) => entry.outcome).reverse();
}

beforeAll(async () => {
  t = await startTestServer();
  await deploy(fixture('await-twice'));
  const conditioned = fixture('await-twice');
  conditioned.id = 'await-headers';
  const settled = conditioned.nodes.find((node) => node.id === 'settled')!;
  settled.config = {
    ...settled.config,
    channel: 'by-headers',
    until: "=state = 'success' and $headers.'x-notice-kind' = 'final' and $query.v = '2'",
  };
  const afterwards = conditioned.nodes.find((node) => node.id === 'afterwards')!;
  afterwards.config = { ...afterwards.config, channel: 'by-headers' };
  await deploy(conditioned);
});
afterAll(async () => t.close());

describe('duplicate notices over HTTP', () => {
  it("a supplier's retry resumes nothing: not the wait it resumed, nor a later wait of the run on the key", async () => {
    const runId = await start('await-twice', 'D-1');

    // A "processing" notice: acknowledged, noted, and the wait stays.
    const processing = { order_no: 'D-1', state: 'processing' };
    expect((await notify('repeats', processing)).text).toBe('success');
    await until(runId, (run) => (nodeOf(run, 'settled')?.noted?.length ?? 0) === 1, 'the noted notice');
    // Its retry is acknowledged too, and recorded as a duplicate: nothing noted twice.
    expect((await notify('repeats', processing)).text).toBe('success');

    // The final notice resumes the first wait; the run goes on to wait again on the same key.
    const success = { order_no: 'D-1', state: 'success' };
    expect((await notify('repeats', success)).text).toBe('success');
    await until(runId, waitingAt('afterwards'), 'the later wait on the same key');

    // The supplier retries both notices it sent before: acknowledged, duplicates, nothing resumed.
    expect((await notify('repeats', success)).text).toBe('success');
    expect((await notify('repeats', processing)).text).toBe('success');
    const still = await view(runId);
    expect(still.run.status).toBe('waiting');
    expect(nodeOf(still, 'afterwards')?.status).toBe('waiting');
    expect(nodeOf(still, 'settled')?.noted).toEqual([expect.objectContaining({ payload: processing })]);

    // A notice the run has not seen yet (another body) is what resumes the later wait.
    expect((await notify('repeats', { order_no: 'D-1', state: 'refunded' })).text).toBe('success');
    const ended = await until(runId, (run) => run.run.status === 'succeeded', 'the run to end');
    expect(ended.run.output).toEqual({ order: 'D-1', last: 'refunded' });
    expect(await outcomes('repeats', 6)).toEqual([
      'matched',
      'duplicate',
      'matched',
      'duplicate',
      'duplicate',
      'matched',
    ]);
  });
});

describe('await conditions over HTTP', () => {
  it('the condition reads the body, the headers and the query of the callback', async () => {
    const runId = await start('await-headers', 'H-1');

    // Header says interim: noted.
    const first = { order_no: 'H-1', state: 'success', seq: 1 };
    await notify('by-headers', first, { 'x-notice-kind': 'interim' }, '?v=2');
    await until(runId, (run) => (nodeOf(run, 'settled')?.noted?.length ?? 0) === 1, 'noted by header');
    // Query says v=1: noted.
    const second = { order_no: 'H-1', state: 'success', seq: 2 };
    await notify('by-headers', second, { 'x-notice-kind': 'final' }, '?v=1');
    await until(runId, (run) => (nodeOf(run, 'settled')?.noted?.length ?? 0) === 2, 'noted by query');
    // Body says processing: noted.
    const third = { order_no: 'H-1', state: 'processing', seq: 3 };
    await notify('by-headers', third, { 'x-notice-kind': 'final' }, '?v=2');
    await until(runId, (run) => (nodeOf(run, 'settled')?.noted?.length ?? 0) === 3, 'noted by body');
    expect(nodeOf(await view(runId), 'settled')?.status).toBe('waiting');

    // All three hold: the first wait resumes with this callback's body.
    const fourth = { order_no: 'H-1', state: 'success', seq: 4 };
    expect((await notify('by-headers', fourth, { 'X-Notice-Kind': 'final' }, '?v=2')).text).toBe('success');
    await until(runId, waitingAt('afterwards'), 'the first wait resumed');
    const resumed = await view(runId);
    expect(nodeOf(resumed, 'settled')?.noted?.map((entry) => entry.payload)).toEqual([first, second, third]);
  });
});
