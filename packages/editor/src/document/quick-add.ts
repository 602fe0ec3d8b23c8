import type { FlowNode, NodeTypeDescriptor, PortRef } from './flow-types.ts';
import { portsOfNode } from './ports.ts';

/** Where a connection drag started: an output (`source`) or an input (`target`) handle. */
export interface DanglingEnd {
  node: string;
  port: string;
  side: 'source' | 'target';
}

/** True when every word of `query` appears in the type's title, id, description or category. */
export function matchesNodeType(type: NodeTypeDescriptor, query: string): boolean {
  if (!query.trim()) return true;
  const haystack = `${type.title} ${type.type} ${type.description} ${type.category}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * Node types that can sit at the loose end of a connection: from an output, anything with an input
 * (no triggers); from an input, anything with an output. Search-filtered, titles in order.
 */
export function quickAddCandidates(
  types: Iterable<NodeTypeDescriptor>,
  side: DanglingEnd['side'],
  query: string,
): NodeTypeDescriptor[] {
  return [...types]
    .filter((t) => (side === 'source' ? t.inputs.length > 0 : t.outputs.length > 0 || t.dynamicPorts))
    .filter((t) => matchesNodeType(t, query))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/**
 * The edge that joins a freshly added node to the loose end: its first input when the drag came from
 * an output, its first output when it came from an input. Undefined when the node has no such port.
 */
export function edgeToNewNode(
  node: FlowNode,
  descriptor: NodeTypeDescriptor,
  end: DanglingEnd,
): { source: PortRef; target: PortRef } | undefined {
  const ports = portsOfNode(node, descriptor);
  if (end.side === 'source') {
    const input = ports.inputs[0];
    return input
      ? { source: { node: end.node, port: end.port }, target: { node: node.id, port: input } }
      : undefined;
  }
  const output = ports.outputs[0];
  return output
    ? { source: { node: node.id, port: output }, target: { node: end.node, port: end.port } }
    : undefined;
}
