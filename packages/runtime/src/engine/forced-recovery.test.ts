import { afterEach, describe, expect, it } from 'vitest';
import type { Json } from '../flow/json.ts';
import type { RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { createEngine } from './create-engine.ts';
import { fixture, tempSqlitePath, testRegistry } from './engine-test-kit.ts';
import type { Engine, EngineOptions } from './engine-types.ts';

// A process that died moments after a run suspended may leave that run's lease behind. Its
// successor on the same file (embedded mode) recovers with force and must not wait for that lease:
// every engine here keeps the default 30 s lease, far longer than any wait below.
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

async function finished(store: RunStore, runId: string, timeoutMs = 3000): Promise<RunRecord> {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    const run = await store.getRun(runId);
    if (run && ['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    if (Date.now() > giveUp) throw new Error(`run ${runId} did not finish within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A suspended run whose dead owner's lease is still in the store, as a kill before the release leaves it. */
async function suspendedWithLeftLease(path: string, input: { [key: string]: Json }): Promise<string> {
  const dead = worker(path, { owner: 'dead' });
  const handle = await dead.engine.start(fixture('callback'), { input });
  expect((await handle.done).status).toBe('waiting');
  expect(await dead.store.acquireLease(handle.id, 'dead', Date.now(), 30_000)).toBe(true);
  return handle.id;
}

describe('forced recovery takes over the leases of a dead predecessor', () => {
  it('a callback after the restart resumes the suspended run at once', async () => {
    const path = tempSqlitePath();
    const runId = await suspendedWithLeftLease(path, { orderNo: 'F1' });

    const next = worker(path, { owner: 'next' });
    await next.engine.recover({ force: true });
    // Before the fix this resume waited the dead lease's 30 s out (past this test's timeout).
    expect((await next.engine.resume('orders', 'F1', { paid: 1 })).outcome).toBe('matched');
    expect(await finished(next.store, runId)).toMatchObject({
      status: 'succeeded',
      output: { payload: { paid: 1 } },
    });
    expect(await next.store.listPendingResumes()).toEqual([]);
  });

  it('a deadline due after the restart fires at once', async () => {
    const path = tempSqlitePath();
    const runId = await suspendedWithLeftLease(path, { orderNo: 'F2', timeoutMs: 300 });

    const next = worker(path, { owner: 'next' });
    await next.engine.recover({ force: true });
    next.engine.startBackground();
    expect(await finished(next.store, runId)).toMatchObject({ status: 'succeeded', output: { key: 'F2' } });
  });

  it('without force (scale-out) the live-looking lease is respected', async () => {
    const path = tempSqlitePath();
    const runId = await suspendedWithLeftLease(path, { orderNo: 'F3' });

    const other = worker(path, { owner: 'other', leaseMs: 100 });
    expect(await other.engine.recover()).toBe(0);
    expect(await other.store.acquireLease(runId, 'probe', Date.now(), 100)).toBe(false);
    // The resume is claimed but stays pending: the lease's holder or a later recovery applies it.
    expect((await other.engine.resume('orders', 'F3', { paid: 3 })).outcome).toBe('matched');
    expect((await other.store.getRun(runId))?.status).toBe('waiting');
    expect(await other.store.listPendingResumes({ runId })).toHaveLength(1);
  });
});

/** A suspended sleep whose due timer a dead process claimed (for 30 s) and never handled. */
async function sleepClaimedByDeadProcess(path: string): Promise<string> {
  const dead = worker(path, { owner: 'dead' });
  const handle = await dead.engine.start(fixture('sleep'), { input: { ms: 20 } });
  expect((await handle.done).status).toBe('waiting');
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect((await dead.store.claimDueTimers(Date.now(), 10, 30_000)).map((t) => t.runId)).toEqual([handle.id]);
  return handle.id;
}

describe('forced recovery releases the timer claims of a dead predecessor', () => {
  it('a sleep whose timer was claimed when the process died fires at once', async () => {
    const path = tempSqlitePath();
    const runId = await sleepClaimedByDeadProcess(path);

    const next = worker(path, { owner: 'next' });
    await next.engine.recover({ force: true });
    next.engine.startBackground();
    // Before the fix the claim hid the timer for 30 s (past this wait and the test's timeout).
    expect(await finished(next.store, runId)).toMatchObject({ status: 'succeeded', output: { slept: 20 } });
    expect(await next.store.nextTimerDue()).toBeUndefined();
  });

  it('without force (scale-out) the claim is respected: it may be a live worker firing that timer', async () => {
    const path = tempSqlitePath();
    const runId = await sleepClaimedByDeadProcess(path);

    const other = worker(path, { owner: 'other' });
    await other.engine.recover();
    expect(await other.store.claimDueTimers(Date.now(), 10, 100)).toEqual([]);
    expect((await other.store.getRun(runId))?.status).toBe('waiting');
  });

  it('a forced recovery while this engine fires timers leaves the claims alone', async () => {
    const path = tempSqlitePath();
    const runId = await sleepClaimedByDeadProcess(path);

    const next = worker(path, { owner: 'next' });
    next.engine.startBackground();
    // This engine's timer loop may hold claims of its own now: clearing them could fire a timer twice.
    await next.engine.recover({ force: true });
    expect(await next.store.claimDueTimers(Date.now(), 10, 100)).toEqual([]);
    expect((await next.store.getRun(runId))?.status).toBe('waiting');
  });
});
