import { afterEach, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../flow/flow-types.ts';
import type { NodeResult } from '../node/node-result.ts';
import { defineNode } from '../node/node-type.ts';
import type { RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { createEngine } from './create-engine.ts';
import { childRunIdOf } from './deterministic-ids.ts';
import { fixture, tempSqlitePath, testRegistry } from './engine-test-kit.ts';
import type { Engine } from './engine-types.ts';
import { SUBFLOW_CHANNEL } from './run-subflow.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A registry with `test.sleepThenCall`: sleeps first, then calls a sub-flow after the timer. */
function registry() {
  return testRegistry().register(
    defineNode({
      type: 'test.sleepThenCall',
      version: 1,
      title: 'Sleep, then call',
      category: 'control',
      description: 'sleeps, then runs the sub-flow in config.document',
      inputs: ['in'],
      outputs: ['out'],
      config: {},
      rawConfigKeys: ['document'],
      run: async (ctx): Promise<NodeResult> => {
        if (!ctx.resumed) return ctx.sleep(ctx.now() + 10, { slept: true });
        const child = await ctx.subflow({ document: ctx.config.document as never }, ctx.input, { key: 'c' });
        return { out: { resumed: ctx.resumed.reason, state: ctx.state ?? null, child: child.output } };
      },
    }),
  );
}

function open(path: string): { store: RunStore; engine: Engine } {
  const store = createSqliteStore({ path });
  const engine = createEngine({ store, registry: registry(), timerPollMs: 20 });
  cleanups.push(async () => {
    await engine.stop();
    await store.close();
  });
  return { store, engine };
}

/** trigger → `nodeType` calling the `callback` fixture as its sub-flow → end. */
function parentFlow(nodeType: string): FlowDocument {
  const parent = fixture('chain');
  parent.nodes[1] = {
    ...parent.nodes[1]!,
    type: nodeType,
    config: { document: fixture('callback') as never, key: 'c' },
  };
  return parent;
}

async function finished(store: RunStore, runId: string): Promise<RunRecord> {
  const giveUp = Date.now() + 3000;
  for (;;) {
    const run = await store.getRun(runId);
    if (run && ['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    if (Date.now() > giveUp) throw new Error(`run ${runId} still ${run?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a sub-flow child that suspends', () => {
  it('suspends its parent in the store; a new engine delivers the callback and both finish', async () => {
    const path = tempSqlitePath();
    const first = open(path);
    const handle = await first.engine.start(parentFlow('test.subflow'), {
      runId: 'p1',
      input: { orderNo: 'S1' },
    });
    // Both runs leave memory: the child waits for its callback, the parent for the child.
    expect(await handle.done).toEqual({ runId: 'p1', status: 'waiting' });
    const childId = childRunIdOf('p1', 'n0', 'c');
    expect((await first.store.getRun(childId))?.status).toBe('waiting');
    expect(await first.store.listWaits('p1')).toMatchObject([
      { nodeId: 'n0', channel: SUBFLOW_CHANNEL, key: childId },
    ]);
    await first.engine.stop();
    await first.store.close();
    cleanups.length = 0;

    const second = open(path);
    expect((await second.engine.resume('orders', 'S1', { paid: 7 })).outcome).toBe('matched');
    expect(await finished(second.store, childId)).toMatchObject({ status: 'succeeded' });
    const parent = await finished(second.store, 'p1');
    expect(parent).toMatchObject({
      status: 'succeeded',
      output: {
        status: 'succeeded',
        runId: childId,
        output: { payload: { paid: 7 }, state: { remembered: { orderNo: 'S1' } } },
      },
    });
    // The child ran once: one start, one callback.
    const childTypes = (await second.store.readJournal(childId)).map((entry) => entry.type);
    expect(childTypes.filter((type) => type === 'run.started')).toHaveLength(1);
    expect(await second.store.listPendingResumes()).toEqual([]);
    expect(await second.store.countWaits()).toBe(0);
  });

  it('is invisible to the parent node: its next attempt keeps the resume reason and state it had', async () => {
    const path = tempSqlitePath();
    const { store, engine } = open(path);
    engine.startBackground();
    const handle = await engine.start(parentFlow('test.sleepThenCall'), {
      runId: 'p2',
      input: { orderNo: 'S2' },
    });
    expect((await handle.done).status).toBe('waiting');
    const childId = childRunIdOf('p2', 'n0', 'c');
    for (let i = 0; i < 200 && (await store.getRun(childId))?.status !== 'waiting'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await engine.resume('orders', 'S2', { paid: 8 })).outcome).toBe('matched');
    expect((await finished(store, 'p2')).output).toEqual({
      resumed: 'timer',
      state: { slept: true },
      child: { payload: { paid: 8 }, state: { remembered: { orderNo: 'S2' } } },
    });
  });

  it('a child that finishes in memory does not touch the parent’s store channel', async () => {
    const { store, engine } = open(tempSqlitePath());
    const parent = fixture('chain');
    parent.nodes[1] = {
      ...parent.nodes[1]!,
      type: 'test.subflow',
      config: { document: fixture('chain') as never },
    };
    expect((await (await engine.start(parent, { runId: 'p3', input: 'x' })).done).status).toBe('succeeded');
    expect(
      await store.deliver(SUBFLOW_CHANNEL, childRunIdOf('p3', 'n0', 'one'), null, 1_000, Date.now()),
    ).toEqual({
      outcome: 'early',
    });
  });
});
