import { afterEach, describe, expect, it } from 'vitest';
import type { JunctionError } from '../errors/junction-error.ts';
import type { FlowDocument } from '../flow/flow-types.ts';
import type { RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { storeUnavailableError } from '../store/store-errors.ts';
import { createEngine } from './create-engine.ts';
import {
  createProbe,
  fixture,
  type Probe,
  type SharedStore,
  sharedStoreKinds,
  testRegistry,
} from './engine-test-kit.ts';
import type { Engine, EngineOptions } from './engine-types.ts';
import { type ProcessDouble, processDouble } from './process-double.ts';

// The interleavings that left paid runs `waiting` with nothing to wake them in scale-out mode (issue
// 18), played out deterministically: each "process" is an engine with its own connection to one
// shared store, and the test pauses, fails or kills a process at an exact store call. Every test
// fails on the engine before the fix.

const kinds = sharedStoreKinds('jx_race');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Worker {
  double: ProcessDouble;
  engine: Engine;
  probe: Probe;
}

function sharedStore(open: () => SharedStore): SharedStore {
  const shared = open();
  cleanups.push(() => shared.close());
  return shared;
}

/** One worker process on the shared store. Dead workers are never stopped: their calls hang. */
function worker(shared: SharedStore, owner: string, options: Partial<EngineOptions> = {}): Worker {
  const double = processDouble(shared.connect());
  const probe = createProbe();
  const engine = createEngine({
    store: double.store,
    registry: testRegistry(probe),
    owner,
    leaseMs: 300,
    timerPollMs: 20,
    ...options,
  });
  cleanups.push(async () => {
    if (!double.dead) await engine.stop();
  });
  return { double, engine, probe };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > giveUp) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Recovers with `engine` until the run has finished (the dead holder's lease must expire first). */
async function recoveredBy(engine: Engine, store: RunStore, runId: string): Promise<RunRecord> {
  return until(
    async () => {
      await engine.recover();
      const run = await store.getRun(runId);
      return run && ['succeeded', 'failed', 'cancelled'].includes(run.status) ? run : undefined;
    },
    `run ${runId} to finish`,
    8000,
  );
}

/** trigger → test.remember (a node that reads and writes the node key-value store). */
function rememberFlow(): FlowDocument {
  const node = (id: string, type: string) => ({
    id,
    type,
    typeVersion: 1,
    position: { x: 0, y: 0 },
    config: {},
  });
  return {
    schemaVersion: 1,
    id: 'remember',
    name: 'remember',
    nodes: [node('start', 'test.trigger'), node('kv', 'test.remember')],
    edges: [{ id: 'start-kv', source: { node: 'start', port: 'out' }, target: { node: 'kv', port: 'in' } }],
  };
}

describe.each(kinds)('takeover races ($name store)', ({ open }) => {
  it('an early callback consumed by a worker that dies before journaling the resume is not lost', async () => {
    const shared = sharedStore(open);
    const a = worker(shared, 'a');
    const api = worker(shared, 'api');
    // The supplier's callback arrives before the run reaches its await node and goes to the inbox…
    expect((await api.engine.resume('orders', 'E1', { paid: 1 })).outcome).toBe('early');
    // …A (which took the run over, say) consumes it and dies before `node.resumed` is durable.
    a.double.after('registerWait', () => a.double.die());
    const handle = await a.engine.start(fixture('callback'), { input: { orderNo: 'E1' } });
    await until(async () => (a.double.dead ? true : undefined), 'A to die');

    const c = worker(shared, 'c');
    const run = await recoveredBy(c.engine, c.double.store, handle.id);
    expect(run).toMatchObject({ status: 'succeeded', output: { payload: { paid: 1 } } });
    expect(await c.double.store.listStrandedRuns(Date.now() + 10_000, 10)).toEqual([]);
  });

  it('a callback applied by a worker that waited for the lease while the run suspended survives its death', async () => {
    const shared = sharedStore(open);
    const a = worker(shared, 'a');
    const b = worker(shared, 'b');
    // A is about to write `waiting` when B claims the callback and waits for A's lease.
    const suspending = a.double.hold('updateRun', (args) => (args[1] as RunRecord).status === 'waiting');
    const handle = await a.engine.start(fixture('callback'), { input: { orderNo: 'S1' } });
    await suspending.reached;
    const leaseTried = b.double.hold('acquireLease');
    void b.engine.resume('orders', 'S1', { paid: 2 }).catch(() => undefined);
    await leaseTried.reached;
    // B's resume is journaled and its pending record deleted; then B dies mid-run.
    b.double.after('deletePendingResume', () => b.double.die());
    leaseTried.release();
    await sleep(50);
    suspending.release();
    expect((await handle.done).status).toBe('waiting');
    await until(async () => (b.double.dead ? true : undefined), 'B to die');
    // B's wake-up is consumed, so the store must show the run as B's (running), never `waiting`.
    await sleep(50);
    const c = worker(shared, 'c');
    expect((await c.double.store.getRun(handle.id))?.status).toBe('running');
    expect(await c.double.store.listStrandedRuns(Date.now() + 10_000, 10)).toEqual([]);
    const run = await recoveredBy(c.engine, c.double.store, handle.id);
    expect(run).toMatchObject({ status: 'succeeded', output: { payload: { paid: 2 } } });
  });

  it('a run that is still being started is never taken by another worker’s recovery', async () => {
    const shared = sharedStore(open);
    const a = worker(shared, 'a', { leaseMs: 5000 });
    const b = worker(shared, 'b');
    // A has created the run; its next writes (lease, journal) have not landed.
    const lease = a.double.hold('acquireLease');
    const flush = a.double.hold('flush');
    const started = a.engine.start(fixture('chain'), { input: { n: 1 } });
    await flush.reached;
    expect(await b.engine.recover()).toBe(0);
    lease.release();
    flush.release();
    const result = await (await started).done;
    expect(result.status).toBe('succeeded');
    expect(b.probe.order).toEqual([]);
    const journal = await a.double.store.readJournal(result.runId);
    expect(journal.filter((entry) => entry.type === 'run.started')).toHaveLength(1);
  });

  it('a wait journaled by a worker that died before storing it is registered again on recovery', async () => {
    const shared = sharedStore(open);
    const a = worker(shared, 'a');
    const registering = a.double.hold('registerWait');
    const handle = await a.engine.start(fixture('callback'), { input: { orderNo: 'W1' } });
    await registering.reached;
    a.double.die();
    await sleep(100); // A's `node.waiting` lands from its store's own batching

    const c = worker(shared, 'c');
    // The first recovery that takes the run puts its wait back (not a later repair of a stranded run).
    await until(async () => ((await c.engine.recover()) > 0 ? true : undefined), 'recovery', 8000);
    expect(await c.double.store.listWaits(handle.id)).toHaveLength(1);
    expect(await c.double.store.listStrandedRuns(Date.now() + 10_000, 10)).toEqual([]);
    expect((await c.engine.resume('orders', 'W1', { paid: 3 })).outcome).toBe('matched');
    const run = await recoveredBy(c.engine, c.double.store, handle.id);
    expect(run).toMatchObject({ status: 'succeeded', output: { payload: { paid: 3 } } });
  });

  it('a worker that cannot renew its lease hands the run over before anyone else may take it', async () => {
    const shared = sharedStore(open);
    const a = worker(shared, 'a', { leaseMs: 600 });
    const flow = fixture('chain');
    flow.nodes[1] = { ...flow.nodes[1]!, type: 'test.slow', config: { ms: 1500 } };
    const handle = await a.engine.start(flow, { input: {} });
    const unreachable = a.double.fail('acquireLease', () => storeUnavailableError(new Error('ECONNREFUSED')));
    const error = (await handle.done.catch((e: unknown) => e)) as JunctionError;
    expect(error.code).toBe('JX_RUN_HANDED_OVER');
    expect(a.probe.aborts.get('n0')).toMatchObject({ code: 'JX_RUN_HANDED_OVER' });
    // Handed over before its lease expired in the store: nobody else holds it yet.
    const c = worker(shared, 'c', { leaseMs: 5000 });
    expect(await c.double.store.acquireLease(handle.id, 'c', Date.now(), 5000)).toBe(false);
    unreachable.stop();
    const run = await recoveredBy(c.engine, c.double.store, handle.id);
    expect(run.status).toBe('succeeded');
    expect(c.probe.order.length).toBeGreaterThan(0);
  });

  it('a store outage at a step barrier hands the run over instead of failing it', async () => {
    const shared = sharedStore(open);
    const a = worker(shared, 'a');
    const outage = a.double.fail('flush', () => storeUnavailableError(new Error('Connection terminated')));
    const started = await a.engine.start(fixture('chain'), { input: { n: 2 } }).catch((e: unknown) => e);
    outage.stop();
    const runId =
      typeof started === 'object' && started !== null && 'id' in started
        ? (started as { id: string }).id
        : (await a.double.store.listRuns({ limit: 1 }))[0]!.id;
    const run = await recoveredBy(a.engine, a.double.store, runId);
    expect(run).toMatchObject({ status: 'succeeded' });
    const journal = await a.double.store.readJournal(runId);
    expect(journal.filter((entry) => entry.type === 'run.failed')).toEqual([]);
  });

  it('a store outage inside a node hands the run over instead of failing the node', async () => {
    const shared = sharedStore(open);
    const a = worker(shared, 'a');
    const outage = a.double.fail('kvGet', () => storeUnavailableError(new Error('Connection terminated')));
    const handle = await a.engine.start(rememberFlow(), { input: { n: 1 } });
    await expect(handle.done).rejects.toMatchObject({ code: 'JX_RUN_HANDED_OVER' });
    outage.stop();
    const run = await recoveredBy(a.engine, a.double.store, handle.id);
    expect(run).toMatchObject({ status: 'succeeded', output: { before: null, now: { n: 1 } } });
    const journal = await a.double.store.readJournal(handle.id);
    expect(journal.filter((entry) => entry.type === 'node.failed' || entry.type === 'run.failed')).toEqual(
      [],
    );
  });

  it('repairs a run found waiting with nothing to wake it', async () => {
    const shared = sharedStore(open);
    const a = worker(shared, 'a');
    const handle = await a.engine.start(fixture('callback'), { input: { orderNo: 'R1' } });
    expect((await handle.done).status).toBe('waiting');
    // What the defects left behind: the run says `waiting`, the store holds no wait, timer or resume.
    await a.double.store.clearRunWaits(handle.id);
    await a.double.store.releaseLease(handle.id, 'a');
    expect((await a.double.store.listStrandedRuns(Date.now(), 10)).map((run) => run.id)).toEqual([handle.id]);
    const repair = await a.engine.repairStranded();
    expect(repair).toEqual({ found: [handle.id], repaired: [handle.id], skipped: [] });
    await until(
      async () => ((await a.double.store.listWaits(handle.id)).length > 0 ? true : undefined),
      'the wait',
    );
    expect((await a.engine.resume('orders', 'R1', { paid: 4 })).outcome).toBe('matched');
    const run = await recoveredBy(a.engine, a.double.store, handle.id);
    expect(run).toMatchObject({ status: 'succeeded', output: { payload: { paid: 4 } } });
  });
});
