import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type FlowDocument,
  type FlowEdge,
  type FlowNode,
  type FlowSettings,
  flowSchema,
  type NodeExpressionLimits,
  type PortRef,
  parseFlow,
  type RetryPolicy,
} from '../index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const full = JSON.parse(readFileSync(join(here, '../../test/fixtures/validation/valid-full.json'), 'utf8'))
  .flow as FlowDocument;

/** Keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** Compile-time check: `Listed` names exactly the keys of `T` (fails to type-check otherwise). */
type Exactly<T, Listed extends readonly PropertyKey[]> = [Exclude<keyof T, Listed[number]>] extends [never]
  ? [Exclude<Listed[number], keyof T>] extends [never]
    ? Listed
    : never
  : never;

function keys<T>() {
  return <const L extends readonly (keyof T)[]>(list: Exactly<T, L>) => list;
}
function required<T>() {
  return <const L extends readonly RequiredKeys<T>[]>(list: Exactly<Pick<T, RequiredKeys<T>>, L>) => list;
}

// Each list must name every key of its TS type: adding a field to flow-types.ts breaks compilation here
// until the list (and, through the assertions below, the schema) is updated too.
const shapes = {
  '': {
    all: keys<FlowDocument>()([
      'schemaVersion',
      'id',
      'name',
      'description',
      'nodes',
      'edges',
      'settings',
      'annotations',
    ]),
    required: required<FlowDocument>()(['schemaVersion', 'id', 'name', 'nodes', 'edges']),
  },
  node: {
    all: keys<FlowNode>()([
      'id',
      'type',
      'typeVersion',
      'name',
      'position',
      'config',
      'credentials',
      'retry',
      'timeoutMs',
      'expressionLimits',
      'onError',
      'disabled',
      'notes',
    ]),
    required: required<FlowNode>()(['id', 'type', 'typeVersion', 'position', 'config']),
  },
  retry: {
    all: keys<RetryPolicy>()(['maxAttempts', 'backoff', 'delayMs', 'jitter', 'maxDelayMs']),
    required: required<RetryPolicy>()(['maxAttempts', 'backoff', 'delayMs']),
  },
  expressionLimits: {
    all: keys<NodeExpressionLimits>()(['timeoutMs', 'maxDepth', 'maxSequence']),
    required: [] as string[],
  },
  edge: {
    all: keys<FlowEdge>()(['id', 'source', 'target']),
    required: required<FlowEdge>()(['id', 'source', 'target']),
  },
  portRef: { all: keys<PortRef>()(['node', 'port']), required: required<PortRef>()(['node', 'port']) },
  settings: {
    all: keys<FlowSettings>()(['runTimeoutMs', 'concurrency', 'variables', 'maxOutputBytes']),
    required: [] as string[],
  },
};

type SchemaObject = {
  properties: Record<string, unknown>;
  required?: string[];
  additionalProperties?: unknown;
};

function schemaPart(name: string): SchemaObject {
  const definitions = (flowSchema as { definitions: Record<string, SchemaObject> }).definitions;
  return (name === '' ? flowSchema : definitions[name]) as SchemaObject;
}

describe('flow schema and TypeScript types', () => {
  it.each(Object.entries(shapes))('agree on the properties of %j', (name, shape) => {
    const part = schemaPart(name);
    expect(Object.keys(part.properties).sort()).toEqual([...shape.all].sort());
    expect([...(part.required ?? [])].sort()).toEqual([...shape.required].sort());
    expect(part.additionalProperties).toBe(false);
  });

  it('accepts a full document typed as FlowDocument', () => {
    const typed: FlowDocument = full;
    expect(parseFlow(typed)).toBe(typed);
    const nodeFields = new Set(typed.nodes.flatMap((node) => Object.keys(node)));
    expect([...nodeFields].sort()).toEqual([...shapes.node.all].sort());
    expect(Object.keys(typed).sort()).toEqual([...shapes[''].all].sort());
    expect(Object.keys(typed.settings ?? {}).sort()).toEqual([...shapes.settings.all].sort());
  });

  it('enforces slug ids, type names, retry ranges and onError values', () => {
    const node = full.nodes[1] as FlowNode;
    const variant = (patch: Partial<FlowNode>) => ({ ...full, nodes: [{ ...node, ...patch }] });
    expect(() => parseFlow(variant({ id: 'has space' }))).toThrow(/letter followed by/);
    expect(() => parseFlow(variant({ id: 'a'.repeat(65) }))).toThrow(/JX_|letter/);
    expect(() => parseFlow(variant({ type: 'Http Request' }))).toThrow(/dotted type name/);
    expect(() => parseFlow(variant({ typeVersion: 0 }))).toThrow(/at least 1/);
    const retry = { maxAttempts: 3, backoff: 'fixed', delayMs: 10 } as const;
    expect(() => parseFlow(variant({ retry: { ...retry, jitter: 2 } }))).toThrow(/at most 1/);
    expect(() => parseFlow(variant({ retry: { ...retry, maxAttempts: 101 } }))).toThrow(/at most 100/);
    expect(() => parseFlow(variant({ onError: 'explode' as never }))).toThrow(/"fail", "continue", "route"/);
    expect(parseFlow(variant({ id: 'a'.repeat(64), type: 'cardPlatform.order-create' })).nodes).toHaveLength(
      1,
    );
  });
});
