import { afterEach, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../flow/flow-types.ts';
import type { JournalEntry, RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { createEngine } from './create-engine.ts';
import { fixture, type SharedStore, sharedStoreKinds, testRegistry } from './engine-test-kit.ts';
import type { Engine } from './engine-types.ts';

// A callback verified with a credential the waiting node does not use (another environment's
// binding of its slot) is noted, never resumes the node: matched directly or taken from the inbox.

const kinds = sharedStoreKinds('jx_verified');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function engineOn(store: RunStore): Engine {
  const engine = createEngine({
    store,
    registry: testRegistry(),
    timerPollMs: 10,
    owner: 'p1',
    credentials: { resolve: async (id) => ({ id, kind: 'hmac-header', data: {}, allowedHosts: [] }) },
  });
  cleanups.push(() => engine.stop());
  return engine;
}

/** The callback fixture with its await node using credential `prod-key` (production's binding). */
function production(): FlowDocument {
  const flow = fixture('callback');
  return {
    ...flow,
    nodes: flow.nodes.map((node) =>
      node.id === 'await' ? { ...node, credentials: { verify: 'prod-key' } } : node,
    ),
  };
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

const noted = (store: RunStore, runId: string): Promise<JournalEntry[]> =>
  until(
    async () => (await store.readJournal(runId)).filter((entry) => entry.type === 'node.noted'),
    (found) => found.length === 1,
    'node.noted',
  );

const ended = (store: RunStore, runId: string): Promise<RunRecord | undefined> =>
  until(
    () => store.getRun(runId),
    (run) => run?.status === 'succeeded' || run?.status === 'failed',
    `run ${runId} to end`,
  );

const context = (verifiedBy: string) => ({ headers: {}, query: {}, verifiedBy });

describe.each(kinds)('callbacks verified by another credential ($name store)', ({ open }) => {
  function store(): RunStore {
    const shared: SharedStore = open();
    cleanups.push(() => shared.close());
    return shared.connect();
  }

  it('a matched callback verified by a foreign credential is noted; the wait stays; the right one resumes', async () => {
    const s = store();
    const engine = engineOn(s);
    const handle = await engine.start(production(), { input: { orderNo: 'V1', timeoutMs: 600_000 } });
    expect((await handle.done).status).toBe('waiting');
    const [before] = await s.listWaits(handle.id);

    expect((await engine.resume('orders', 'V1', { forged: true }, context('sandbox-key'))).outcome).toBe(
      'matched',
    );
    const [entry] = await noted(s, handle.id);
    expect(entry?.data).toMatchObject({
      key: 'V1',
      reason: "verified with credential sandbox-key, not this run's",
    });
    const [after] = await until(
      () => s.listWaits(handle.id),
      (waits) => waits.length === 1,
      'the wait back',
    );
    expect(after?.deadline).toBe(before?.deadline);
    await until(
      () => s.getRun(handle.id),
      (run) => run?.status === 'waiting',
      'the run to wait again',
    );

    expect((await engine.resume('orders', 'V1', { ok: true }, context('prod-key'))).outcome).toBe('matched');
    expect((await ended(s, handle.id))?.status).toBe('succeeded');
  });

  it('an early callback verified by a foreign credential is consumed from the inbox but only noted', async () => {
    const s = store();
    const engine = engineOn(s);
    expect((await engine.resume('orders', 'V2', { forged: true }, context('sandbox-key'))).outcome).toBe(
      'early',
    );
    const handle = await engine.start(production(), { input: { orderNo: 'V2', timeoutMs: 600_000 } });
    await noted(s, handle.id);
    await until(
      () => s.listWaits(handle.id),
      (waits) => waits.length === 1,
      'the wait back',
    );
    await until(
      () => s.getRun(handle.id),
      (run) => run?.status === 'waiting',
      'the run to wait again',
    );

    expect((await engine.resume('orders', 'V2', { ok: true }, context('prod-key'))).outcome).toBe('matched');
    expect((await ended(s, handle.id))?.status).toBe('succeeded');
  });

  it('an early callback verified by the node credential resumes it at once', async () => {
    const s = store();
    const engine = engineOn(s);
    expect((await engine.resume('orders', 'V3', { ok: true }, context('prod-key'))).outcome).toBe('early');
    const handle = await engine.start(production(), { input: { orderNo: 'V3', timeoutMs: 600_000 } });
    expect((await ended(s, handle.id))?.status).toBe('succeeded');
  });
});
