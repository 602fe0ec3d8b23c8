import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../flow/flow-types.ts';
import { hashFlow } from '../flow/hash-flow.ts';
import { defineNode } from '../node/node-type.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import type { JournalEntry } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { createEngine } from './create-engine.ts';
import { createProbe, fixture, testRegistry } from './engine-test-kit.ts';
import type { EngineEvent } from './engine-types.ts';
import { runsOnFirstArrival } from './first-arrival.ts';

/**
 * `readiness: 'any'`. `first-arrival.json`: start → fast (5 ms) → race.a, start → slow (150 ms) →
 * race.b, race → after. `test.race` emits the inputs it was given.
 */
function setup() {
  const probe = createProbe();
  const store = createMemoryStore();
  const engine = createEngine({ store, registry: testRegistry(probe) });
  const events: EngineEvent[] = [];
  engine.on((event) => {
    if (event.type !== 'journal') events.push(event);
  });
  return { probe, store, engine, events };
}

function trace(events: EngineEvent[]): string[] {
  return events.flatMap((event) => ('nodeId' in event ? [`${event.type}:${event.nodeId}`] : []));
}

function position(events: EngineEvent[], step: string): number {
  const at = trace(events).indexOf(step);
  expect(at, step).toBeGreaterThanOrEqual(0);
  return at;
}

function setMs(flow: FlowDocument, nodeId: string, ms: number): void {
  flow.nodes.find((node) => node.id === nodeId)!.config = { ms };
}

describe('first arrival (readiness any)', () => {
  it('runs at the first input with a value, once, and ignores the slower branch', async () => {
    const { engine, events, store } = setup();
    const handle = await engine.start(fixture('first-arrival'), { input: {} });
    expect(await handle.done).toEqual({ runId: handle.id, status: 'succeeded', output: { a: 'fast' } });
    // The race (and what follows it) ran before the slow branch was done, and only once.
    expect(position(events, 'node.completed:after')).toBeLessThan(position(events, 'node.completed:slow'));
    expect(trace(events).filter((step) => step.endsWith(':race'))).toEqual([
      'node.started:race',
      'node.completed:race',
    ]);
    const started = (await store.readJournal(handle.id)).find(
      (entry) => entry.type === 'node.started' && entry.nodeId === 'race',
    );
    expect(started?.input).toBe('fast');
  });

  it('takes whichever branch is faster: the other port when the timings swap', async () => {
    const { engine } = setup();
    const flow = fixture('first-arrival');
    setMs(flow, 'fast', 150);
    setMs(flow, 'slow', 5);
    expect((await (await engine.start(flow, { input: {} })).done).output).toEqual({ b: 'slow' });
  });

  it('gets every port that one completion fills at once', async () => {
    const { engine } = setup();
    const flow = fixture('first-arrival');
    flow.edges.push({
      id: 'fast-race-c',
      source: { node: 'fast', port: 'out' },
      target: { node: 'race', port: 'c' },
    });
    expect((await (await engine.start(flow, { input: {} })).done).output).toEqual({ a: 'fast', c: 'fast' });
  });

  it('waits past dead inputs for the first live one', async () => {
    const { engine, events } = setup();
    const flow = fixture('first-arrival');
    flow.nodes[1] = { ...flow.nodes[1]!, type: 'test.if', config: { condition: false } };
    flow.edges.find((edge) => edge.source.node === 'fast')!.source.port = 'true';
    expect((await (await engine.start(flow, { input: {} })).done).output).toEqual({ b: 'slow' });
    expect(position(events, 'node.completed:slow')).toBeLessThan(position(events, 'node.started:race'));
  });

  it('is skipped, with everything after it, when every input is dead', async () => {
    const { engine, events } = setup();
    const flow = fixture('first-arrival');
    for (const id of ['fast', 'slow']) {
      const index = flow.nodes.findIndex((node) => node.id === id);
      flow.nodes[index] = { ...flow.nodes[index]!, type: 'test.if', config: { condition: false } };
    }
    for (const edge of flow.edges) if (edge.target.node === 'race') edge.source.port = 'true';
    expect(await (await engine.start(flow, { input: {} })).done).toMatchObject({
      status: 'succeeded',
      output: null,
    });
    expect(trace(events).filter((step) => step.startsWith('node.skipped'))).toEqual([
      'node.skipped:race',
      'node.skipped:after',
    ]);
  });

  it('keeps waiting for all inputs in a node without readiness any (the default)', async () => {
    const { engine } = setup();
    const flow = fixture('first-arrival');
    flow.nodes.find((node) => node.id === 'race')!.type = 'test.merge';
    expect((await (await engine.start(flow, { input: {} })).done).output).toEqual({ a: 'fast', b: 'slow' });
  });
});

/** Writes what a crashed process would have left: a running run and its journal so far. */
async function leftBehind(
  store: RunStore,
  flow: FlowDocument,
  runId: string,
  steps: string[],
): Promise<void> {
  const hash = hashFlow(flow);
  await store.putFlowSnapshot(hash, flow);
  await store.createRun({
    id: runId,
    flowId: flow.id,
    flowVersion: null,
    flowHash: hash,
    status: 'running',
    input: {},
    test: false,
    createdAt: 1,
    updatedAt: 1,
  });
  // `started:x` / `completed:x=value` (output on `out`).
  const entries = steps.map((step, i): JournalEntry => {
    const [, type, nodeId, value] = /^(\w+):(\w+)(?:=(.*))?$/.exec(step)!;
    const base = { runId, seq: i + 2, at: 1, nodeId: nodeId! };
    if (type === 'started') return { ...base, type: 'node.started', attempt: 1, input: null };
    return {
      ...base,
      type: 'node.completed',
      output: { out: value === undefined ? nodeId : JSON.parse(value) },
    };
  });
  await store.appendJournal([{ runId, seq: 1, type: 'run.started', at: 1, data: {} }, ...entries]);
}

async function recovered(store: RunStore, runId: string) {
  const probe = createProbe();
  const engine = createEngine({ store, registry: testRegistry(probe) });
  expect(await engine.recover({ force: true })).toBe(1);
  for (let i = 0; i < 300; i++) {
    const run = await store.getRun(runId);
    if (run?.status === 'succeeded' || run?.status === 'failed') return { run, probe };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`run ${runId} did not finish`);
}

describe('first arrival after a crash: the journal decides', () => {
  it('reruns an interrupted race with the inputs of its first arrival, not the later ones', async () => {
    const store = createMemoryStore();
    await leftBehind(store, fixture('first-arrival'), 'r1', [
      'started:start',
      'completed:start={}',
      'started:fast',
      'started:slow',
      'completed:slow',
      'started:race',
      'completed:fast',
    ]);
    const { run, probe } = await recovered(store, 'r1');
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ b: 'slow' });
    expect(probe.order).toEqual(['race', 'after']);
  });

  it('never reruns a completed race: its output comes from the journal, later arrivals change nothing', async () => {
    const store = createMemoryStore();
    await leftBehind(store, fixture('first-arrival'), 'r2', [
      'started:start',
      'completed:start={}',
      'started:fast',
      'started:slow',
      'completed:fast',
      'started:race',
      'completed:race={"a":"from the journal"}',
    ]);
    const { run, probe } = await recovered(store, 'r2');
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ a: 'from the journal' });
    expect(probe.order).toEqual(['after']);
    const types = (await store.readJournal('r2')).map((entry) => `${entry.type}:${entry.nodeId ?? ''}`);
    expect(types.filter((type) => type.endsWith(':race'))).toHaveLength(2);
    expect(types).toContain('node.completed:slow');
  });
});

describe('runsOnFirstArrival', () => {
  const base = {
    type: 'test.x',
    version: 1,
    title: 'X',
    category: 'control' as const,
    description: 'x',
    inputs: ['a', 'b'],
    outputs: ['out'],
    config: {},
    run: () => ({}),
  };

  it('is true only for readiness any, static or decided from the config', () => {
    expect(runsOnFirstArrival(defineNode(base), {})).toBe(false);
    expect(runsOnFirstArrival(defineNode({ ...base, readiness: 'all' }), {})).toBe(false);
    expect(runsOnFirstArrival(defineNode({ ...base, readiness: 'any' }), {})).toBe(true);
    const byMode = defineNode({ ...base, readiness: (config) => (config.mode === 'first' ? 'any' : 'all') });
    expect(runsOnFirstArrival(byMode, { mode: 'first' })).toBe(true);
    expect(runsOnFirstArrival(byMode, { mode: 'all' })).toBe(false);
  });

  it('falls back to waiting for all inputs when the decision throws', () => {
    const broken = defineNode({
      ...base,
      readiness: () => {
        throw new Error('config not understood');
      },
    });
    expect(runsOnFirstArrival(broken, {})).toBe(false);
  });
});
