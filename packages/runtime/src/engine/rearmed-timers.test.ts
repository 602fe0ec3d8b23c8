import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { createEngine } from './create-engine.ts';
import { fixture, storeKinds, testRegistry } from './engine-test-kit.ts';
import type { Engine } from './engine-types.ts';

// A node resumed by its timer may suspend again at once, under the same timer id: the timer
// loop must not delete that new timer when it finishes handling the old one.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function open(store: RunStore): Engine {
  const engine = createEngine({ store, registry: testRegistry(), timerPollMs: 20 });
  cleanups.push(async () => {
    await engine.stop();
    await store.close();
  });
  engine.startBackground();
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

describe.each(storeKinds)('re-armed timers ($name store)', ({ create }) => {
  it('a node that sleeps again after its timer fired is woken by the second timer', async () => {
    const store = create();
    const engine = open(store);
    const flow = fixture('sleep');
    flow.nodes[1]!.config.times = 3;
    const handle = await engine.start(flow, { input: { ms: 15 } });
    expect((await handle.done).status).toBe('waiting');
    const run = await finished(store, handle.id);
    expect(run).toMatchObject({ status: 'succeeded', output: { slept: 15, round: 3 } });
    const steps = (await store.readJournal(handle.id)).filter((entry) => entry.nodeId === 'nap');
    expect(steps.filter((entry) => entry.type === 'node.waiting')).toHaveLength(3);
    expect(await store.nextTimerDue()).toBeUndefined();
  });

  it('a node that waits again after its deadline gets a second deadline', async () => {
    const store = create();
    const engine = open(store);
    const flow = fixture('callback');
    flow.nodes[1]!.config.deadlines = 2;
    const handle = await engine.start(flow, { input: { orderNo: 'D2', timeoutMs: 15 } });
    expect((await handle.done).status).toBe('waiting');
    const run = await finished(store, handle.id);
    expect(run).toMatchObject({ status: 'succeeded', output: { key: 'D2', rounds: 2 } });
    expect(await store.nextTimerDue()).toBeUndefined();
    expect(await store.countWaits()).toBe(0);
  });
});
