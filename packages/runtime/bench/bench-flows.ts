import { defineNode, type FlowDocument, type Json, NodeRegistry } from '../src/index.ts';

/** Pure and callback node types for the benchmarks. */
export function benchRegistry(): NodeRegistry {
  const base = { category: 'utility' as const, description: 'bench', config: {} };
  return new NodeRegistry().register(
    defineNode({
      ...base,
      type: 'bench.trigger',
      version: 1,
      title: 'Trigger',
      trigger: true,
      inputs: [],
      outputs: ['out'],
      run: (ctx) => ({ out: ctx.input }),
    }),
    defineNode({
      ...base,
      type: 'bench.step',
      version: 1,
      title: 'Step',
      inputs: ['in'],
      outputs: ['out'],
      run: (ctx) => ({ out: step(ctx.input) }),
    }),
    defineNode({
      ...base,
      type: 'bench.pure',
      version: 1,
      title: 'Pure step',
      sideEffects: false,
      inputs: ['in'],
      outputs: ['out'],
      run: (ctx) => ({ out: step(ctx.input) }),
    }),
    defineNode({
      ...base,
      type: 'bench.await',
      version: 1,
      title: 'Await',
      category: 'callback',
      inputs: ['in'],
      outputs: ['callback'],
      run: (ctx) =>
        ctx.resumed?.reason === 'callback'
          ? { callback: ctx.resumed.payload }
          : ctx.wait({ channel: 'bench', key: String((ctx.input as { key: string }).key) }),
    }),
  );
}

/** The work of one pure node; the baseline does exactly the same. */
export function step(input: Json): Json {
  const value = input as { n?: number };
  return { n: (value?.n ?? 0) + 1 };
}

function node(id: string, type: string) {
  return { id, type, typeVersion: 1, position: { x: 0, y: 0 }, config: {} };
}

/**
 * trigger → `length` steps in a chain. `bench.step` keeps the default (side effects: a step barrier
 * before each one with `durability: 'step'`), `bench.pure` declares none; the work is the same.
 */
export function chainFlow(
  length: number,
  stepType: 'bench.step' | 'bench.pure' = 'bench.step',
): FlowDocument {
  const nodes = [node('t', 'bench.trigger')];
  const edges = [];
  let previous = 't';
  for (let i = 0; i < length; i++) {
    nodes.push(node(`s${i}`, stepType));
    edges.push({
      id: `e${i}`,
      source: { node: previous, port: 'out' },
      target: { node: `s${i}`, port: 'in' },
    });
    previous = `s${i}`;
  }
  return { schemaVersion: 1, id: `chain-${length}-${stepType}`, name: 'chain', nodes, edges };
}

/** trigger → await callback (key from the input) → step. */
export function callbackFlow(): FlowDocument {
  return {
    schemaVersion: 1,
    id: 'bench-callback',
    name: 'callback',
    nodes: [node('t', 'bench.trigger'), node('wait', 'bench.await'), node('after', 'bench.step')],
    edges: [
      { id: 'a', source: { node: 't', port: 'out' }, target: { node: 'wait', port: 'in' } },
      { id: 'b', source: { node: 'wait', port: 'callback' }, target: { node: 'after', port: 'in' } },
    ],
  };
}
