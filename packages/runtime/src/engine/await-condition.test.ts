import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry, RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { createEngine } from './create-engine.ts';
import { fixture, type SharedStore, sharedStoreKinds, testRegistry } from './engine-test-kit.ts';
import type { Engine } from './engine-types.ts';

// Await conditions (`WaitSuspension.accept`) and duplicate notices, on every store. The condition is
// evaluated by the engine that applies the callback to the waiting node — in scale-out a worker,
// after the api process delivered the callback into the store and acknowledged it.

const kinds = sharedStoreKinds('jx_await');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function openShared(open: () => SharedStore): SharedStore {
  const shared = open();
  cleanups.push(() => shared.close());
  return shared;
}

function engineOn(store: RunStore, owner: string): Engine {
  const engine = createEngine({ store, registry: testRegistry(), timerPollMs: 10, owner });
  cleanups.push(() => engine.stop());
  return engine;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const giveUp = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > giveUp) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const ended = (store: RunStore, runId: string): Promise<RunRecord | undefined> =>
  until(
    () => store.getRun(runId),
    (run) => run !== undefined && ['succeeded', 'failed', 'cancelled'].includes(run.status),
    `run ${runId} to end`,
  );

const entries = async (store: RunStore, runId: string, type: JournalEntry['type']): Promise<JournalEntry[]> =>
  (await store.readJournal(runId)).filter((entry) => entry.type === type);

describe.each(kinds)('await conditions ($name store)', ({ open }) => {
  it('a notice the condition refuses is noted and the wait stays, deadline and all; a final one resumes', async () => {
    const shared = openShared(open);
    const store = shared.connect();
    const engine = engineOn(store, 'p1');
    const handle = await engine.start(fixture('callback-until'), {
      input: { orderNo: 'C1', timeoutMs: 600_000 },
    });
    expect((await handle.done).status).toBe('waiting');
    const [before] = await store.listWaits(handle.id);

    expect((await engine.resume('orders', 'C1', { state: 'processing' })).outcome).toBe('matched');
    const noted = await until(
      () => entries(store, handle.id, 'node.noted'),
      (found) => found.length === 1,
      'node.noted',
    );
    expect(noted[0]).toMatchObject({
      nodeId: 'await',
      data: { channel: 'orders', key: 'C1', payload: { state: 'processing' } },
    });
    const [after] = await until(
      () => store.listWaits(handle.id),
      (waits) => waits.length === 1,
      'the wait back in the store',
    );
    expect(after?.deadline).toBe(before?.deadline);
    expect(
      await until(
        () => store.getRun(handle.id),
        (run) => run?.status === 'waiting',
        'waiting',
      ),
    ).toBeTruthy();
    expect(await entries(store, handle.id, 'node.resumed')).toEqual([]);

    // The supplier's retry of the processing notice: a duplicate, nothing noted twice.
    expect(await engine.resume('orders', 'C1', { state: 'processing' })).toEqual({ outcome: 'duplicate' });
    expect((await engine.resume('orders', 'C1', { state: 'success' })).outcome).toBe('matched');
    const run = await ended(store, handle.id);
    expect(run?.output).toMatchObject({ payload: { state: 'success' } });
    expect(await entries(store, handle.id, 'node.noted')).toHaveLength(1);
    expect(await entries(store, handle.id, 'node.resumed')).toHaveLength(1);
  });

  it('notices that arrived before the wait are decided in order: processing noted, success resumes', async () => {
    const shared = openShared(open);
    const store = shared.connect();
    const engine = engineOn(store, 'p1');
    expect((await engine.resume('orders', 'E1', { state: 'processing' })).outcome).toBe('early');
    expect((await engine.resume('orders', 'E1', { state: 'success' })).outcome).toBe('early');
    const handle = await engine.start(fixture('callback-until'), { input: { orderNo: 'E1' } });
    const run = await ended(store, handle.id);
    expect(run?.output).toMatchObject({ payload: { state: 'success' } });
    const noted = await entries(store, handle.id, 'node.noted');
    expect(noted.map((entry) => (entry.data as { payload: unknown }).payload)).toEqual([
      { state: 'processing' },
    ]);
  });

  it('the wait keeps its deadline after a noted notice: the node times out then', async () => {
    const shared = openShared(open);
    const store = shared.connect();
    const engine = engineOn(store, 'p1');
    engine.startBackground();
    const handle = await engine.start(fixture('callback-until'), {
      input: { orderNo: 'T1', timeoutMs: 400 },
    });
    await handle.done;
    expect((await engine.resume('orders', 'T1', { state: 'processing' })).outcome).toBe('matched');
    const run = await ended(store, handle.id);
    expect(run?.output).toEqual({ key: 'T1' });
    expect(await entries(store, handle.id, 'node.noted')).toHaveLength(1);
  });

  it('scale-out: the api delivers into the store, a worker decides; a retry of the accepted notice resumes no later wait', async () => {
    const shared = openShared(open);
    const worker = engineOn(shared.connect(), 'worker');
    const api = shared.connect();
    const handle = await worker.start(fixture('callback-twice'), { input: { orderNo: 'S1' } });
    expect((await handle.done).status).toBe('waiting');
    // The api process: it only records the notice (what it acknowledges), then wakes a worker.
    expect((await api.deliver('orders', 'S1', { state: 'success' }, 60_000, Date.now())).outcome).toBe(
      'matched',
    );
    await worker.wake(handle.id);
    const [second] = await until(
      () => api.listWaits(handle.id),
      (waits) => waits[0]?.nodeId === 'second',
      'the second wait on the same key',
    );
    expect(second?.key).toBe('S1');
    expect(await api.deliver('orders', 'S1', { state: 'success' }, 60_000, Date.now())).toEqual({
      outcome: 'duplicate',
    });
    await worker.wake(handle.id);
    expect(await api.listWaits(handle.id)).toHaveLength(1);
    await until(
      () => api.getRun(handle.id),
      (run) => run?.status === 'waiting',
      'the run suspended again',
    );
    expect(await entries(api, handle.id, 'node.resumed')).toHaveLength(1);
    expect((await api.deliver('orders', 'S1', { state: 'refunded' }, 60_000, Date.now())).outcome).toBe(
      'matched',
    );
    await worker.wake(handle.id);
    const run = await ended(api, handle.id);
    expect(run?.output).toMatchObject({ payload: { state: 'refunded' } });
  });

  it('the condition sees the body, the headers ($headers) and the query ($query), early or not', async () => {
    const shared = openShared(open);
    const store = shared.connect();
    const engine = engineOn(store, 'p1');
    const flow = fixture('callback-until');
    flow.nodes[1]!.config.until =
      "=state = 'success' and $headers.'x-notice' = 'final' and $query.phase = '2'";
    const final = { headers: { 'x-notice': 'final' }, query: { phase: '2' } };
    // Early, with its headers and query: kept in the inbox and decided when the run waits.
    expect((await engine.resume('orders', 'Q0', { state: 'success', n: 0 }, final)).outcome).toBe('early');
    const early = await engine.start(flow, { input: { orderNo: 'Q0' } });
    expect((await ended(store, early.id))?.output).toMatchObject({ payload: { state: 'success', n: 0 } });

    const handle = await engine.start(flow, { input: { orderNo: 'Q1' } });
    expect((await handle.done).status).toBe('waiting');
    const interim = { headers: { 'x-notice': 'interim' }, query: { phase: '2' } };
    expect((await engine.resume('orders', 'Q1', { state: 'success', n: 1 }, interim)).outcome).toBe(
      'matched',
    );
    await until(
      () => entries(store, handle.id, 'node.noted'),
      (found) => found.length === 1,
      'header noted',
    );
    await until(
      () => store.listWaits(handle.id),
      (waits) => waits.length === 1,
      'waiting again',
    );
    const firstPhase = { headers: { 'x-notice': 'final' }, query: { phase: '1' } };
    expect((await engine.resume('orders', 'Q1', { state: 'success', n: 2 }, firstPhase)).outcome).toBe(
      'matched',
    );
    await until(
      () => entries(store, handle.id, 'node.noted'),
      (found) => found.length === 2,
      'query noted',
    );
    await until(
      () => store.listWaits(handle.id),
      (waits) => waits.length === 1,
      'waiting again',
    );
    // Without headers and query (`{}`), the condition is false too.
    expect((await engine.resume('orders', 'Q1', { state: 'success', n: 3 })).outcome).toBe('matched');
    await until(
      () => entries(store, handle.id, 'node.noted'),
      (found) => found.length === 3,
      'bare noted',
    );
    await until(
      () => store.listWaits(handle.id),
      (waits) => waits.length === 1,
      'waiting again',
    );
    expect((await engine.resume('orders', 'Q1', { state: 'success', n: 4 }, final)).outcome).toBe('matched');
    const run = await ended(store, handle.id);
    expect(run?.output).toMatchObject({ payload: { state: 'success', n: 4 } });
    expect(await entries(store, handle.id, 'node.resumed')).toHaveLength(1);
  });

  it('a condition that fails to evaluate fails the run, coded, naming the node', async () => {
    const shared = openShared(open);
    const store = shared.connect();
    const engine = engineOn(store, 'p1');
    const flow = fixture('callback-until');
    flow.nodes[1]!.config.until = '=$number(state) > 1';
    const handle = await engine.start(flow, { input: { orderNo: 'X1' } });
    await handle.done;
    await engine.resume('orders', 'X1', { state: 'not a number' });
    const run = await ended(store, handle.id);
    expect(run?.status).toBe('failed');
    expect(run?.error?.code).toBe('JX_EXPRESSION_FAILED');
    expect(run?.error?.message).toContain('node await');
  });
});
