import type { FlowDocument } from './flow-types.ts';

/*
 * Deterministic serialisation: known objects get a canonical key order (the order a human reads a
 * flow in), free-form objects (config, annotations, variables…) get sorted keys, unknown keys of
 * known objects follow the known ones sorted. Same document → same bytes, so flows diff well in git.
 */

type KeyOrder = { keys: readonly string[]; children?: Record<string, Shape> };
/** How to order one value: a known object, an array of one shape, or free-form JSON (sorted keys). */
type Shape = KeyOrder | { items: Shape } | 'free';

const FREE = 'free' as const;
const PORT_REF: Shape = { keys: ['node', 'port'] };
const NODE: Shape = {
  keys: [
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
  ],
  children: {
    position: { keys: ['x', 'y'] },
    config: FREE,
    credentials: FREE,
    retry: { keys: ['maxAttempts', 'backoff', 'delayMs', 'jitter', 'maxDelayMs'] },
    expressionLimits: { keys: ['timeoutMs', 'maxDepth', 'maxSequence'] },
  },
};
const EDGE: Shape = { keys: ['id', 'source', 'target'], children: { source: PORT_REF, target: PORT_REF } };
const FLOW: Shape = {
  keys: ['schemaVersion', 'id', 'name', 'description', 'nodes', 'edges', 'settings', 'annotations'],
  children: {
    nodes: { items: NODE },
    edges: { items: EDGE },
    settings: {
      keys: ['runTimeoutMs', 'concurrency', 'maxOutputBytes', 'variables'],
      children: { variables: FREE },
    },
    annotations: FREE,
  },
};

/**
 * Serialises a flow document deterministically: pretty-printed with 2 spaces and a trailing newline,
 * canonical key order for known objects, sorted keys inside free-form objects. `undefined` properties
 * are dropped, as `JSON.stringify` does.
 */
export function serializeFlow(doc: FlowDocument): string {
  return `${JSON.stringify(canonical(doc, FLOW), null, 2)}\n`;
}

function canonical(value: unknown, shape: Shape): unknown {
  if (Array.isArray(value)) {
    const itemShape = typeof shape === 'object' && 'items' in shape ? shape.items : FREE;
    return value.map((item) => canonical(item, itemShape));
  }
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (typeof shape === 'object' && 'keys' in shape) {
    for (const key of shape.keys) {
      if (Object.hasOwn(object, key)) out[key] = canonical(object[key], shape.children?.[key] ?? FREE);
    }
    for (const key of Object.keys(object).sort()) {
      if (!shape.keys.includes(key)) out[key] = canonical(object[key], FREE);
    }
    return out;
  }
  for (const key of Object.keys(object).sort()) out[key] = canonical(object[key], FREE);
  return out;
}
