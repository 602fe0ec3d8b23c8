import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../flow/flow-types.ts';
import type { Json } from '../flow/json.ts';
import { defineNode } from '../node/node-type.ts';
import { NodeRegistry } from '../node/registry.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import type { RunStore } from '../store/run-store.ts';
import { createEngine } from './create-engine.ts';
import { hasSideEffects } from './side-effects.ts';

/** A memory store that remembers which journal entries a finished `flush` covered. */
function trackingStore(): { store: RunStore; flushes: () => number; undurableSteps: () => string[] } {
  const inner = createMemoryStore();
  const appended: { type: string; nodeId?: string; durable: boolean }[] = [];
  let flushes = 0;
  const store: RunStore = Object.create(inner) as RunStore;
  store.appendJournal = (entries) => {
    for (const entry of entries) {
      appended.push({ type: entry.type, ...(entry.nodeId ? { nodeId: entry.nodeId } : {}), durable: false });
    }
    return inner.appendJournal(entries);
  };
  store.flush = async () => {
    const covered = appended.length;
    await inner.flush();
    flushes++;
    for (const entry of appended.slice(0, covered)) entry.durable = true;
  };
  return {
    store,
    flushes: () => flushes,
    undurableSteps: () =>
      appended.filter((e) => !e.durable && e.type !== 'node.started').map((e) => `${e.type} ${e.nodeId}`),
  };
}

const seenAtEffect: string[][] = [];
const responses: Json[] = [];
let tracking: ReturnType<typeof trackingStore>;
const base = { category: 'utility' as const, description: 'test node', config: {} };
const registry = new NodeRegistry().register(
  defineNode({
    ...base,
    type: 't.trigger',
    version: 1,
    title: 'Trigger',
    trigger: true,
    sideEffects: false,
    inputs: [],
    outputs: ['out'],
    run: (ctx) => ({ out: ctx.input }),
  }),
  defineNode({
    ...base,
    type: 't.pure',
    version: 1,
    title: 'Pure',
    sideEffects: (config) => config.effect === true,
    inputs: ['in'],
    outputs: ['out'],
    run: (ctx) => {
      if (ctx.config.effect === true) seenAtEffect.push(tracking.undurableSteps());
      return { out: ctx.input };
    },
  }),
  defineNode({
    ...base,
    type: 't.effect',
    version: 1,
    title: 'Effect',
    inputs: ['in'],
    outputs: ['out'],
    run: (ctx) => {
      seenAtEffect.push(tracking.undurableSteps());
      ctx.respond({ status: 200, body: 'ok' });
      return { out: ctx.input };
    },
  }),
);

function chain(types: string[], configs: Record<string, Json>[] = []): FlowDocument {
  return {
    schemaVersion: 1,
    id: 'barrier',
    name: 'barrier',
    nodes: types.map((type, i) => ({
      id: `n${i}`,
      type,
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: (configs[i] ?? {}) as never,
    })),
    edges: types.slice(1).map((_, i) => ({
      id: `e${i}`,
      source: { node: `n${i}`, port: 'out' },
      target: { node: `n${i + 1}`, port: 'in' },
    })),
  };
}

async function run(flow: FlowDocument, durability: 'step' | 'run' = 'step'): Promise<void> {
  tracking = trackingStore();
  seenAtEffect.length = 0;
  responses.length = 0;
  const engine = createEngine({ store: tracking.store, registry, durability });
  engine.on((event) => {
    if (event.type === 'run.response') responses.push(tracking.undurableSteps() as unknown as Json);
  });
  const handle = await engine.start(flow, { input: { a: 1 } });
  expect((await handle.done).status).toBe('succeeded');
  await engine.stop();
}

describe('step barrier', () => {
  it('nodes without side effects run without a commit in between', async () => {
    await run(chain(['t.trigger', 't.pure', 't.pure', 't.pure']));
    // One flush when the run starts, one when it ends: none between the steps.
    expect(tracking.flushes()).toBe(2);
  });

  it('a node with side effects starts only once every earlier step is durable', async () => {
    await run(chain(['t.trigger', 't.pure', 't.pure', 't.effect', 't.pure']));
    expect(seenAtEffect).toEqual([[]]);
    expect(responses).toEqual([[]]);
    expect(tracking.flushes()).toBe(3);
  });

  it('a config-dependent declaration is decided per node', async () => {
    await run(chain(['t.trigger', 't.pure', 't.pure'], [{}, {}, { effect: true }]));
    expect(seenAtEffect).toEqual([[]]);
    expect(tracking.flushes()).toBe(3);
  });

  it("durability 'run' keeps no barrier", async () => {
    await run(chain(['t.trigger', 't.pure', 't.effect']), 'run');
    expect(seenAtEffect[0]).toEqual(['node.completed n0', 'node.completed n1']);
    expect(tracking.flushes()).toBe(2);
  });
});

describe('hasSideEffects', () => {
  const definition = { ...base, type: 'x', version: 1, title: 'x', inputs: [], outputs: [], run: () => ({}) };
  it('defaults to true and treats a throwing decision as true', () => {
    expect(hasSideEffects(definition, {})).toBe(true);
    expect(hasSideEffects({ ...definition, sideEffects: false }, {})).toBe(false);
    expect(
      hasSideEffects(
        {
          ...definition,
          sideEffects: () => {
            throw new Error('boom');
          },
        },
        {},
      ),
    ).toBe(true);
  });
});
