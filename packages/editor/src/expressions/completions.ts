import type { Json, JsonSchema } from '../document/flow-types.ts';

/** The keys reachable below a value, whether learned from run data or from an output schema. */
export interface Shape {
  type: string;
  children?: Record<string, Shape>;
  /** A sample value, shown in the completion's detail. */
  sample?: string;
}

/** One completion item. */
export interface Completion {
  label: string;
  detail: string;
  kind: 'node' | 'port' | 'field' | 'variable' | 'function';
}

/** Where completion data comes from: per node id, per output port. */
export type CompletionSources = {
  nodes: Record<string, { title: string; ports: Record<string, Shape> }>;
  vars: Record<string, Shape>;
  trigger?: Shape;
};

/** Describes a JSON value as a shape; arrays take the shape of their first item, as JSONata maps over them. */
export function shapeOfValue(value: Json | undefined, depth = 0): Shape {
  if (Array.isArray(value)) {
    const inner = value.length ? shapeOfValue(value[0], depth) : { type: 'any' };
    return { ...inner, type: `array of ${inner.type}` };
  }
  if (value && typeof value === 'object') {
    if (depth > 6) return { type: 'object' };
    const children: Record<string, Shape> = {};
    for (const [key, child] of Object.entries(value)) children[key] = shapeOfValue(child, depth + 1);
    return { type: 'object', children };
  }
  const sample = value === undefined ? undefined : JSON.stringify(value);
  return {
    type: value === null ? 'null' : typeof value,
    sample: sample && sample.length > 40 ? `${sample.slice(0, 37)}…` : sample,
  };
}

/** Describes a JSON Schema as a shape (properties of objects, items of arrays). */
export function shapeOfSchema(schema: JsonSchema | undefined, depth = 0): Shape {
  if (!schema || depth > 6) return { type: 'any' };
  const type = Array.isArray(schema.type) ? schema.type.join('|') : ((schema.type as string) ?? 'any');
  if (schema.items && typeof schema.items === 'object') {
    const inner = shapeOfSchema(schema.items as JsonSchema, depth + 1);
    return { ...inner, type: `array of ${inner.type}` };
  }
  if (schema.properties) {
    const children: Record<string, Shape> = {};
    for (const [key, child] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
      children[key] = shapeOfSchema(child, depth + 1);
    }
    return { type: 'object', children };
  }
  return { type };
}

const ROOTS: Completion[] = [
  { label: '$nodes', detail: 'outputs of earlier nodes by id', kind: 'variable' },
  { label: '$trigger', detail: 'the payload that started the run', kind: 'variable' },
  { label: '$vars', detail: 'flow variables', kind: 'variable' },
  { label: '$run', detail: 'run id, flow id, test flag', kind: 'variable' },
];

const FUNCTIONS = [
  'string',
  'number',
  'boolean',
  'exists',
  'count',
  'sum',
  'max',
  'min',
  'average',
  'map',
  'filter',
  'reduce',
  'keys',
  'lookup',
  'merge',
  'join',
  'split',
  'substring',
  'uppercase',
  'lowercase',
  'trim',
  'contains',
  'replace',
  'now',
  'millis',
  'fromMillis',
  'toMillis',
  'formatNumber',
  'round',
  'sort',
  'distinct',
  'append',
  'each',
  'sift',
  'type',
  'base64encode',
  'base64decode',
  'uuid',
];

function childrenList(shape: Shape | undefined): Completion[] {
  return Object.entries(shape?.children ?? {}).map(([label, child]) => ({
    label,
    detail: child.sample ? `${child.type} · ${child.sample}` : child.type,
    kind: 'field' as const,
  }));
}

/**
 * Completions for the text before the cursor: `$` roots and functions, node ids after `$nodes.`,
 * ports after `$nodes.<id>.`, then fields of the port's data. Returns the partial word being typed
 * so the caller can replace it.
 */
export function complete(
  textBefore: string,
  sources: CompletionSources,
): { partial: string; items: Completion[] } {
  const path = /\$(nodes|vars|trigger)((?:\.[A-Za-z_][\w]*|\[[^\]]*\])*)\.([\w]*)$/.exec(textBefore);
  if (path) {
    const [, root, middle = '', partial = ''] = path;
    const segments = middle
      .split('.')
      .filter(Boolean)
      .map((s) => s.replace(/\[[^\]]*\]/g, ''));
    let items: Completion[] = [];
    if (root === 'nodes') {
      const [nodeId, port, ...rest] = segments;
      if (!nodeId) {
        items = Object.entries(sources.nodes).map(([id, n]) => ({
          label: id,
          detail: n.title,
          kind: 'node',
        }));
      } else if (!port) {
        const ports = sources.nodes[nodeId]?.ports ?? {};
        items = Object.entries(ports).map(([label, shape]) => ({
          label,
          detail: `port · ${shape.type}`,
          kind: 'port',
        }));
      } else {
        let shape: Shape | undefined = sources.nodes[nodeId]?.ports[port];
        for (const key of rest) shape = shape?.children?.[key];
        items = childrenList(shape);
      }
    } else {
      let shape: Shape | undefined =
        root === 'vars' ? { type: 'object', children: sources.vars } : sources.trigger;
      for (const key of segments) shape = shape?.children?.[key];
      items = childrenList(shape);
    }
    return { partial, items: items.filter((i) => i.label.startsWith(partial)) };
  }
  const dollar = /\$([\w]*)$/.exec(textBefore);
  if (dollar) {
    const partial = `$${dollar[1] ?? ''}`;
    const fns: Completion[] = FUNCTIONS.map((f) => ({
      label: `$${f}`,
      detail: 'JSONata function',
      kind: 'function',
    }));
    return { partial, items: [...ROOTS, ...fns].filter((i) => i.label.startsWith(partial)) };
  }
  return { partial: '', items: [] };
}
