import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../flow/flow-types.ts';
import { hashFlow } from '../flow/hash-flow.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import type { JournalEntry, RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { createEngine } from './create-engine.ts';
import { childRunIdOf } from './deterministic-ids.ts';
import { createProbe, fixture, testRegistry } from './engine-test-kit.ts';

/** Writes what a crashed process would have left: a running run and a partial journal. */
async function leftBehind(
  store: RunStore,
  flow: FlowDocument,
  runId: string,
  entries: Omit<JournalEntry, 'runId' | 'seq'>[],
) {
  const hash = hashFlow(flow);
  await store.putFlowSnapshot(hash, flow);
  const run: RunRecord = {
    id: runId,
    flowId: flow.id,
    flowVersion: null,
    flowHash: hash,
    status: 'running',
    input: { go: true },
    test: false,
    createdAt: 1,
    updatedAt: 1,
  };
  await store.createRun(run);
  await store.appendJournal(entries.map((entry, i) => ({ ...entry, runId, seq: i + 1 }) as JournalEntry));
}

async function finished(store: RunStore, runId: string): Promise<RunRecord> {
  for (let i = 0; i < 300; i++) {
    const run = await store.getRun(runId);
    if (run && ['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`run ${runId} did not finish`);
}

describe('recover: the journal is the truth', () => {
  it('never reruns completed nodes and reruns the in-flight one with the same idempotency key', async () => {
    const store = createMemoryStore();
    const flow = fixture('chain');
    flow.nodes[3] = { ...flow.nodes[3]!, type: 'test.flaky', config: {} };
    await leftBehind(store, flow, 'r1', [
      { type: 'run.started', at: 1, data: { trigger: 'start' } },
      { type: 'node.started', nodeId: 'start', at: 1, attempt: 1, input: 'x' },
      { type: 'node.completed', nodeId: 'start', at: 1, output: { out: 'x' } },
      { type: 'node.started', nodeId: 'n0', at: 1, attempt: 1, input: 'x' },
      { type: 'node.completed', nodeId: 'n0', at: 1, output: { out: 'from-journal' } },
      { type: 'node.started', nodeId: 'n1', at: 1, attempt: 1, input: 'from-journal' },
      { type: 'node.completed', nodeId: 'n1', at: 1, output: { out: 'from-journal' } },
      { type: 'node.started', nodeId: 'n2', at: 1, attempt: 1, input: 'from-journal' },
    ]);
    const probe = createProbe();
    const engine = createEngine({ store, registry: testRegistry(probe) });
    expect(await engine.recover({ force: true })).toBe(1);
    const run = await finished(store, 'r1');
    expect(run).toMatchObject({ status: 'succeeded', output: { attempt: 2 } });
    expect(probe.order).toEqual(['n3', 'n4']);
    expect(probe.keys).toEqual(['r1:n2']);
    const types = (await store.readJournal('r1')).map((entry) => `${entry.type}:${entry.nodeId ?? ''}`);
    expect(types.filter((type) => type === 'node.started:n0')).toHaveLength(1);
    expect(types.at(-1)).toBe('run.completed:');
  });

  it('finishes the record of a run whose journal already ended, without running anything', async () => {
    const store = createMemoryStore();
    await leftBehind(store, fixture('chain'), 'r2', [
      { type: 'run.started', at: 1, data: {} },
      { type: 'run.failed', at: 2, error: { code: 'JX_TEST', message: 'boom' } },
    ]);
    const engine = createEngine({ store, registry: testRegistry() });
    await engine.recover({ force: true });
    expect(await store.getRun('r2')).toMatchObject({ status: 'failed', error: { code: 'JX_TEST' } });
  });

  it('reruns a node whose callback was consumed before the crash, with the payload and saved state', async () => {
    const store = createMemoryStore();
    const flow = fixture('callback');
    await leftBehind(store, flow, 'r3', [
      { type: 'run.started', at: 1, data: { trigger: 'start' } },
      { type: 'node.completed', nodeId: 'start', at: 1, output: { out: { orderNo: 'Z' } } },
      { type: 'node.started', nodeId: 'await', at: 1, attempt: 1, input: { orderNo: 'Z' } },
      {
        type: 'node.waiting',
        nodeId: 'await',
        at: 1,
        data: { kind: 'wait', channel: 'orders', key: 'Z', state: 's' },
      },
      {
        type: 'node.resumed',
        nodeId: 'await',
        at: 2,
        data: { reason: 'callback', channel: 'orders', key: 'Z', payload: { paid: true } },
      },
    ]);
    const engine = createEngine({ store, registry: testRegistry() });
    await engine.recover({ force: true });
    expect((await finished(store, 'r3')).output).toEqual({ payload: { paid: true }, state: 's' });
  });

  it('a recovered sub-flow call returns the finished child instead of running it again', async () => {
    const store = createMemoryStore();
    const probe = createProbe();
    const engine = createEngine({ store, registry: testRegistry(probe) });
    const child = fixture('chain');
    child.nodes[2]!.config = { value: 'child-output' };
    const parent = fixture('chain');
    parent.nodes[1] = {
      ...parent.nodes[1]!,
      type: 'test.subflow',
      config: { document: child as never, key: 'k' },
    };
    const first = await engine.start(parent, { runId: 'p1', input: 'in' });
    expect(await first.done).toMatchObject({
      status: 'succeeded',
      output: { status: 'succeeded', output: 'child-output', runId: childRunIdOf('p1', 'n0', 'k') },
    });
    // The parent crashed after the child finished but before its own node completed.
    await leftBehind(store, parent, 'p2', [
      { type: 'run.started', at: 1, data: { trigger: 'start' } },
      { type: 'node.completed', nodeId: 'start', at: 1, output: { out: 'in' } },
      { type: 'node.started', nodeId: 'n0', at: 1, attempt: 1, input: 'in' },
    ]);
    const done = await engine.start(child, {
      runId: childRunIdOf('p2', 'n0', 'k'),
      parentRunId: 'p2',
      input: 'in',
    });
    await done.done;
    const before = probe.order.length;
    await engine.recover({ force: true });
    expect((await finished(store, 'p2')).output).toMatchObject({ output: 'child-output' });
    // Only the parent's four downstream nodes ran: the child's nodes did not run a second time.
    expect(probe.order.length - before).toBe(4);
    const childJournal = await store.readJournal(childRunIdOf('p2', 'n0', 'k'));
    expect(childJournal.filter((entry) => entry.type === 'run.started')).toHaveLength(1);
  });
});
