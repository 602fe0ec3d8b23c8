import { createMemoryStore, type FlowDocument, portsOf, validateFlow } from '@junction/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../registry/create-builtin-registry.ts';
import { loadFlow, nodeSteps, openEngine, runFlow } from '../support/engine-harness.ts';
import { mergeNode } from './v1.ts';
import { mergeNodeV2 } from './v2.ts';

// merge-race.json: start → pause (flow.delay 150 ms) → slow → race.a, start → fast → race.b,
// race (flow.merge v2, mode first) → winner. The slow branch sits on port `a` on purpose: v1 would
// pick it by port order, v2 picks the branch that arrives first.
const store = createMemoryStore();
const engine = openEngine(store);
afterAll(() => engine.stop());
const raceFlow = loadFlow(new URL('./fixtures/merge-race.json', import.meta.url));

function withMerge(changes: { typeVersion?: number; mode?: string }): FlowDocument {
  const flow = structuredClone(raceFlow);
  const race = flow.nodes.find((node) => node.id === 'race')!;
  if (changes.typeVersion !== undefined) race.typeVersion = changes.typeVersion;
  if (changes.mode !== undefined) race.config = { mode: changes.mode };
  return flow;
}

async function journalOrder(runId: string): Promise<string[]> {
  return (await store.readJournal(runId)).map((entry) => `${entry.type}:${entry.nodeId ?? ''}`);
}

describe('flow.merge v2 through the engine', () => {
  it('first mode: passes on the branch that arrives first and ignores the slower one', async () => {
    const run = await runFlow(engine, store, raceFlow, {});
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ winner: 'fast' });
    // The race ran once, before the slow branch had even finished; the slow branch still ran.
    expect(await nodeSteps(store, run.id, 'race')).toEqual(['node.started', 'node.completed']);
    const order = await journalOrder(run.id);
    expect(order.indexOf('node.completed:winner')).toBeLessThan(order.indexOf('node.completed:slow'));
    expect(order).toContain('node.completed:slow');
  });

  it('v1 of the same flow still waits for both and picks by port order (versions side by side)', async () => {
    const run = await runFlow(engine, store, withMerge({ typeVersion: 1 }), {});
    expect(run.output).toEqual({ winner: 'slow' });
    const order = await journalOrder(run.id);
    expect(order.indexOf('node.completed:slow')).toBeLessThan(order.indexOf('node.started:race'));
  });

  it('all mode waits for every branch and combines them, as v1 does', async () => {
    const flow = withMerge({ mode: 'all' });
    flow.nodes.find((node) => node.id === 'winner')!.config = { mapping: '=$' };
    const run = await runFlow(engine, store, flow, {});
    expect(run.output).toEqual({ a: { from: 'slow' }, b: { from: 'fast' } });
  });

  it('first mode joins the exclusive branches of an if like v1: the taken branch arrives', async () => {
    const ifMerge = loadFlow(new URL('../fixtures/if-merge.json', import.meta.url));
    const merge = ifMerge.nodes.find((node) => node.type === 'flow.merge')!;
    merge.typeVersion = 2;
    merge.config = { ...merge.config, mode: 'first' };
    const run = await runFlow(engine, store, ifMerge, { amount: 500 });
    expect(run.status).toBe('succeeded');
    expect(await nodeSteps(store, run.id, merge.id)).toEqual(['node.started', 'node.completed']);
  });
});

describe('flow.merge v2 definition', () => {
  it('the race fixture is a valid flow for the built-in registry, with v1 or v2', () => {
    const registry = createBuiltinRegistry();
    expect(validateFlow(raceFlow, registry)).toEqual([]);
    expect(validateFlow(withMerge({ typeVersion: 1 }), registry)).toEqual([]);
  });

  it('declares first-arrival readiness in first mode only, with v1’s ports and config', () => {
    const readiness = mergeNodeV2.readiness as (config: object) => string;
    expect(readiness({ mode: 'first' })).toBe('any');
    expect(readiness({ mode: 'all' })).toBe('all');
    expect(readiness({})).toBe('all');
    expect(mergeNode.readiness).toBeUndefined();
    expect(portsOf(mergeNodeV2, { inputs: 3 })).toEqual(portsOf(mergeNode, { inputs: 3 }));
    expect(Object.keys(mergeNodeV2.config.properties as object)).toEqual(
      Object.keys(mergeNode.config.properties as object),
    );
    expect(mergeNodeV2.sideEffects).toBe(false);
  });
});
