import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { createEngine } from './create-engine.ts';
import { fixture, tempSqlitePath, testRegistry } from './engine-test-kit.ts';
import type { Engine, EngineOptions } from './engine-types.ts';

// Two engines on one SQLite file, each with its own connection, as two worker processes would be.
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function worker(path: string, options: Partial<EngineOptions> = {}): { store: RunStore; engine: Engine } {
  const store = createSqliteStore({ path });
  const engine = createEngine({ store, registry: testRegistry(), timerPollMs: 20, ...options });
  cleanups.push(async () => {
    await engine.stop();
    await store.close();
  });
  return { store, engine };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 3000): Promise<T> {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > giveUp) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const finished = (store: RunStore, runId: string): Promise<RunRecord> =>
  until(async () => {
    const run = await store.getRun(runId);
    return run && ['succeeded', 'failed', 'cancelled'].includes(run.status) ? run : undefined;
  }, `run ${runId} to finish`);

describe('a resume that finds the run leased by another process', () => {
  it('is applied by the lease holder when its current step ends', async () => {
    const path = tempSqlitePath();
    const a = worker(path, { owner: 'a', leaseMs: 10_000 });
    const b = worker(path, { owner: 'b', leaseMs: 100 });
    const handle = await a.engine.start(fixture('callback-parallel'), {
      input: { orderNo: 'P1', slowMs: 400 },
    });
    await until(async () => ((await a.store.listWaits(handle.id)).length > 0 ? true : undefined), 'the wait');

    // B claims the callback but cannot take the run: A holds it while the slow branch runs.
    expect((await b.engine.resume('orders', 'P1', { paid: 1 })).outcome).toBe('matched');
    expect(await b.store.listPendingResumes({ runId: handle.id })).toHaveLength(1);

    expect(await handle.done).toMatchObject({
      status: 'succeeded',
      output: { a: { payload: { paid: 1 } }, b: 'slow' },
    });
    expect(await a.store.listPendingResumes()).toEqual([]);
    const resumed = (await a.store.readJournal(handle.id)).filter((entry) => entry.type === 'node.resumed');
    expect(resumed).toHaveLength(1);
  });

  it('is applied by any worker’s background scan once the holder’s lease has expired', async () => {
    const path = tempSqlitePath();
    const first = worker(path, { owner: 'first' });
    const handle = await first.engine.start(fixture('callback'), { input: { orderNo: 'P2' } });
    expect((await handle.done).status).toBe('waiting');
    // A worker that took the run and died: its lease runs for another 300 ms.
    await first.store.acquireLease(handle.id, 'dead-worker', Date.now(), 300);

    const b = worker(path, { owner: 'b', leaseMs: 100 });
    expect((await b.engine.resume('orders', 'P2', { paid: 2 })).outcome).toBe('matched');
    expect((await b.store.getRun(handle.id))?.status).toBe('waiting');
    b.engine.startBackground();
    expect(await finished(b.store, handle.id)).toMatchObject({
      status: 'succeeded',
      output: { payload: { paid: 2 } },
    });
    expect(await b.store.listPendingResumes()).toEqual([]);
  });

  it('a deadline claimed while the run is leased elsewhere resumes it on timeout later', async () => {
    const path = tempSqlitePath();
    const first = worker(path, { owner: 'first' });
    const handle = await first.engine.start(fixture('callback'), { input: { orderNo: 'P3', timeoutMs: 50 } });
    expect((await handle.done).status).toBe('waiting');
    await first.store.acquireLease(handle.id, 'dead-worker', Date.now(), 400);

    const b = worker(path, { owner: 'b', leaseMs: 100 });
    b.engine.startBackground();
    await until(
      async () => ((await b.store.listPendingResumes({ runId: handle.id })).length > 0 ? true : undefined),
      'the deadline to be claimed',
    );
    expect(await finished(b.store, handle.id)).toMatchObject({ status: 'succeeded', output: { key: 'P3' } });
    expect(await b.store.listPendingResumes()).toEqual([]);
  });
});

describe('resume', () => {
  it('journals node.resumed before it deletes the pending resume and returns', async () => {
    const { store, engine } = worker(tempSqlitePath());
    const handle = await engine.start(fixture('callback'), { input: { orderNo: 'D1' } });
    expect((await handle.done).status).toBe('waiting');
    await engine.resume('orders', 'D1', { ok: true });
    expect(await store.listPendingResumes()).toEqual([]);
    const resumed = (await store.readJournal(handle.id)).find((entry) => entry.type === 'node.resumed');
    expect(resumed?.data).toEqual({
      reason: 'callback',
      channel: 'orders',
      key: 'D1',
      payload: { ok: true },
    });
  });
});
