import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { createEngine } from './create-engine.ts';
import { fixture, storeKinds, tempSqlitePath, testRegistry } from './engine-test-kit.ts';
import type { Engine } from './engine-types.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function open(store: RunStore, options: { inboxTtlMs?: number } = {}): Engine {
  const engine = createEngine({ store, registry: testRegistry(), timerPollMs: 20, ...options });
  cleanups.push(async () => {
    await engine.stop();
    await store.close();
  });
  return engine;
}

async function finished(store: RunStore, runId: string, timeoutMs = 3000): Promise<RunRecord> {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    const run = await store.getRun(runId);
    if (run && ['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    if (Date.now() > giveUp) throw new Error(`run ${runId} still ${run?.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(storeKinds)('callback races through the engine ($name store)', ({ create }) => {
  it('suspends the run in the store and resumes it with the callback payload and saved state', async () => {
    const store = create();
    const engine = open(store);
    const handle = await engine.start(fixture('callback'), { input: { orderNo: 'A1' } });
    expect(await handle.done).toEqual({ runId: handle.id, status: 'waiting' });
    expect((await store.getRun(handle.id))?.status).toBe('waiting');
    expect(await store.countWaits()).toBe(1);
    expect(await engine.resume('orders', 'A1', { state: 'success' })).toMatchObject({ outcome: 'matched' });
    const run = await finished(store, handle.id);
    expect(run.output).toEqual({ payload: { state: 'success' }, state: { remembered: { orderNo: 'A1' } } });
    const types = (await store.readJournal(handle.id)).map((entry) => entry.type);
    expect(types).toContain('node.waiting');
    expect(types).toContain('node.resumed');
  });

  it('early arrival: a callback before the wait is kept and consumed when the run gets there', async () => {
    const store = create();
    const engine = open(store);
    expect(await engine.resume('orders', 'E1', { state: 'early' })).toEqual({ outcome: 'early' });
    const handle = await engine.start(fixture('callback'), { input: { orderNo: 'E1' } });
    expect(await handle.done).toMatchObject({ status: 'succeeded', output: { payload: { state: 'early' } } });
    expect(await store.countWaits()).toBe(0);
  });

  it("duplicate: a supplier's retry of the delivered notice is recorded and resumes nothing", async () => {
    const store = create();
    const engine = open(store);
    const handle = await engine.start(fixture('callback'), { input: { orderNo: 'D1' } });
    await handle.done;
    expect((await engine.resume('orders', 'D1', { n: 1 })).outcome).toBe('matched');
    expect(await engine.resume('orders', 'D1', { n: 1 })).toEqual({ outcome: 'duplicate' });
    // Another body is another notice: nobody waits any more, so it waits in the inbox (its TTL).
    expect(await engine.resume('orders', 'D1', { n: 2 })).toEqual({ outcome: 'early' });
    const run = await finished(store, handle.id);
    expect(run.output).toMatchObject({ payload: { n: 1 } });
    const resumed = (await store.readJournal(handle.id)).filter((entry) => entry.type === 'node.resumed');
    expect(resumed).toHaveLength(1);
  });

  it('late: after the deadline the node emits on timeout and a later callback is late', async () => {
    const store = create();
    const engine = open(store);
    engine.startBackground();
    const handle = await engine.start(fixture('callback'), { input: { orderNo: 'L1', timeoutMs: 30 } });
    expect((await handle.done).status).toBe('waiting');
    const run = await finished(store, handle.id);
    expect(run.output).toEqual({ key: 'L1' });
    expect(await engine.resume('orders', 'L1', { too: 'late' })).toEqual({ outcome: 'late' });
    expect(await store.countWaits()).toBe(0);
  });

  it('unknown key: the payload waits in the inbox, resumes nothing, and expires with its TTL', async () => {
    const store = create();
    const engine = open(store, { inboxTtlMs: 20 });
    const waiting = await engine.start(fixture('callback'), { input: { orderNo: 'K1' } });
    await waiting.done;
    expect(await engine.resume('orders', 'nobody', { x: 1 })).toEqual({ outcome: 'early' });
    expect((await store.getRun(waiting.id))?.status).toBe('waiting');
    await new Promise((resolve) => setTimeout(resolve, 40));
    const later = await engine.start(fixture('callback'), { input: { orderNo: 'nobody' } });
    expect((await later.done).status).toBe('waiting');
  });

  it('cancelling a suspended run removes its wait and timer', async () => {
    const store = create();
    const engine = open(store);
    const handle = await engine.start(fixture('callback'), { input: { orderNo: 'C1', timeoutMs: 60_000 } });
    await handle.done;
    expect(await store.nextTimerDue()).toBeDefined();
    await engine.cancel(handle.id, 'test');
    expect((await store.getRun(handle.id))?.status).toBe('cancelled');
    expect(await store.countWaits()).toBe(0);
    expect(await store.nextTimerDue()).toBeUndefined();
  });
});

describe('timer loop', () => {
  it('wakes early for a timer added in-process instead of waiting for the next poll', async () => {
    const store = storeKinds[0]!.create();
    const engine = createEngine({ store, registry: testRegistry(), timerPollMs: 60_000 });
    cleanups.push(() => engine.stop());
    engine.startBackground();
    await new Promise((resolve) => setTimeout(resolve, 20)); // the loop is now asleep for a minute
    const began = Date.now();
    const handle = await engine.start(fixture('sleep'), { input: { ms: 40 } });
    expect((await handle.done).status).toBe('waiting');
    expect(await finished(store, handle.id, 2000)).toMatchObject({
      status: 'succeeded',
      output: { slept: 40 },
    });
    expect(Date.now() - began).toBeGreaterThanOrEqual(40);
  });
});

describe('timers and waits survive a restart (SQLite file)', () => {
  it('a sleep timer fires in a new engine on the same file', async () => {
    const path = tempSqlitePath();
    const first = createSqliteStore({ path });
    const engine1 = createEngine({ store: first, registry: testRegistry() });
    const handle = await engine1.start(fixture('sleep'), { input: { ms: 60 } });
    expect((await handle.done).status).toBe('waiting');
    await engine1.stop();
    await first.close();

    const second = createSqliteStore({ path });
    const engine2 = open(second);
    await engine2.recover({ force: true });
    engine2.startBackground();
    const run = await finished(second, handle.id);
    expect(run).toMatchObject({ status: 'succeeded', output: { slept: 60 } });
  });

  it('a deadline fires and a callback resumes runs suspended by a previous process', async () => {
    const path = tempSqlitePath();
    const first = createSqliteStore({ path });
    const engine1 = createEngine({ store: first, registry: testRegistry() });
    const late = await engine1.start(fixture('callback'), { input: { orderNo: 'R1', timeoutMs: 50 } });
    const called = await engine1.start(fixture('callback'), { input: { orderNo: 'R2', timeoutMs: 60_000 } });
    await Promise.all([late.done, called.done]);
    await engine1.stop();
    await first.close();

    const second = createSqliteStore({ path });
    const engine2 = open(second);
    engine2.startBackground();
    expect((await engine2.resume('orders', 'R2', { ok: true })).outcome).toBe('matched');
    expect((await finished(second, called.id)).output).toEqual({
      payload: { ok: true },
      state: { remembered: { orderNo: 'R2', timeoutMs: 60_000 } },
    });
    expect((await finished(second, late.id)).output).toEqual({ key: 'R1' });
  });
});
