import { describe, expect, it } from 'vitest';
import type { NodeOutputs } from '../node/node-result.ts';
import { defineNode } from '../node/node-type.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { validateFlow } from '../validation/validate-flow.ts';
import { createEngine } from './create-engine.ts';
import { fixture, testRegistry } from './engine-test-kit.ts';
import type { EngineEvent } from './engine-types.ts';

/**
 * Versions side by side: a flow saved against v1 of a type keeps v1's config and behaviour after v2
 * ships, and one flow may hold both. `versions.json` has `old` (test.greet v1) and `new` (v2).
 */
const base = { category: 'transform' as const, description: 'greets the input name', inputs: ['in'] };

const greetV1 = defineNode<{ greeting: string }>({
  ...base,
  type: 'test.greet',
  version: 1,
  title: 'Greet',
  outputs: ['out'],
  config: {
    type: 'object',
    required: ['greeting'],
    additionalProperties: false,
    properties: { greeting: { type: 'string' } },
  },
  run: (ctx) => ({ out: `${ctx.config.greeting} ${(ctx.input as { name?: string }).name ?? 'stranger'}` }),
});

/** v2 renamed the config, returns an object and routes a missing name to a new port. */
const greetV2 = defineNode<{ salutation: string; punctuation?: string }>({
  ...base,
  type: 'test.greet',
  version: 2,
  title: 'Greet',
  outputs: ['out', 'anonymous'],
  config: {
    type: 'object',
    required: ['salutation'],
    additionalProperties: false,
    properties: { salutation: { type: 'string' }, punctuation: { type: 'string' } },
  },
  run: (ctx): NodeOutputs => {
    const name = (ctx.input as { name?: string }).name;
    if (!name) return { anonymous: ctx.input };
    return { out: { text: `${ctx.config.salutation}, ${name}${ctx.config.punctuation ?? ''}`, by: 'v2' } };
  },
});

function setup() {
  const registry = testRegistry().register(greetV2, greetV1);
  const engine = createEngine({ store: createMemoryStore(), registry });
  const events: EngineEvent[] = [];
  engine.on((event) => events.push(event));
  return { registry, engine, events };
}

describe('node type versions in one flow', () => {
  it('runs v1 and v2 of one type side by side, each with its own behaviour', async () => {
    const { engine, events } = setup();
    const result = await (await engine.start(fixture('versions'), { input: { name: 'Ada' } })).done;
    expect(result).toMatchObject({
      status: 'succeeded',
      output: { old: 'hello Ada', new: { text: 'Hello, Ada!', by: 'v2' } },
    });
    const greeted = events.flatMap((event) =>
      event.type === 'node.completed' && event.nodeType === 'test.greet' ? [event.nodeId] : [],
    );
    expect(greeted.sort()).toEqual(['new', 'old']);
  });

  it('uses the ports of each version: only v2 has `anonymous`', async () => {
    const { engine } = setup();
    const result = await (await engine.start(fixture('versions'), { input: {} })).done;
    expect(result).toMatchObject({ status: 'succeeded', output: { old: 'hello stranger', new: {} } });
  });

  it('validates each node against its own version’s config schema and ports', () => {
    const { registry } = setup();
    const flow = fixture('versions');
    expect(validateFlow(flow, registry)).toEqual([]);
    // v1's config on the v2 node (and the reverse) fails each version's own schema.
    const swapped = fixture('versions');
    [swapped.nodes[1]!.config, swapped.nodes[2]!.config] = [
      swapped.nodes[2]!.config,
      swapped.nodes[1]!.config,
    ];
    const codes = validateFlow(swapped, registry).map((problem) => `${problem.code}@${problem.nodeId}`);
    expect(codes).toContain('JX_CONFIG@old');
    expect(codes).toContain('JX_CONFIG@new');
    // An edge from `anonymous` is valid on v2 only.
    const edges = fixture('versions');
    edges.edges.push(
      { id: 'e-new', source: { node: 'new', port: 'anonymous' }, target: { node: 'sink', port: 'in' } },
      { id: 'e-old', source: { node: 'old', port: 'anonymous' }, target: { node: 'sink', port: 'in' } },
    );
    edges.nodes.push({ id: 'sink', type: 'test.map', typeVersion: 1, position: { x: 0, y: 0 }, config: {} });
    expect(validateFlow(edges, registry).map((problem) => `${problem.code}@${problem.edgeId}`)).toEqual([
      'JX_UNKNOWN_PORT@e-old',
    ]);
  });

  it('refuses a version that is not installed, naming the installed ones', async () => {
    const { engine, registry } = setup();
    const flow = fixture('versions');
    flow.nodes[2]!.typeVersion = 3;
    expect(validateFlow(flow, registry).map((problem) => problem.code)).toEqual(['JX_UNKNOWN_NODE_TYPE']);
    await expect(engine.start(flow, { input: { name: 'x' } })).rejects.toMatchObject({
      code: 'JX_NODE_TYPE_UNKNOWN',
      message: 'Node type test.greet has no version 3 (known: 1, 2).',
    });
  });
});
