import type { NodePorts, NodeTypeDefinition } from '../node/node-type.ts';

/** A plain object, as far as validation can tell from untrusted input. */
export type Loose = Record<string, unknown>;

/** True for non-null, non-array objects. */
export function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What validation learnt about one node; later checks use it instead of re-reading raw input. */
export interface NodeView {
  index: number;
  id: string;
  raw: Loose;
  /** Set when the node's type and version are registered. */
  definition?: NodeTypeDefinition;
  /** Set when the ports could be computed (known type, usable config). */
  ports?: NodePorts;
}

/** Short description of a node for messages: `createOrder (http.request v1)`. */
export function nodeLabel(view: NodeView): string {
  const { definition } = view;
  return definition ? `${view.id} (${definition.type} v${definition.version})` : view.id;
}
