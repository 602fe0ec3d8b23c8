import type { FlowNode, NodeTypeDescriptor } from './flow-types.ts';

/** What identifies a node's type: its `type` and the `typeVersion` it was saved against. */
export type NodeTypeRef = Pick<FlowNode, 'type' | 'typeVersion'>;

/** Finds the descriptor of a node's exact type and version, or `undefined` when the server has none. */
export type DescribeNode = (node: NodeTypeRef) => NodeTypeDescriptor | undefined;

/**
 * The server's node types, indexed two ways. Several versions of one type live side by side (a flow
 * saved against `flow.merge` v1 keeps v1's config, ports and behaviour after v2 ships), so a node is
 * always described by its exact version; only new nodes and the palette use the newest one.
 */
export interface NodeTypeIndex {
  /** The newest version of each type: what the palette offers and what a new node gets. */
  latest: ReadonlyMap<string, NodeTypeDescriptor>;
  /** Every version, keyed by {@link nodeTypeKey}. */
  exact: ReadonlyMap<string, NodeTypeDescriptor>;
}

/** The index of no node types (before the catalogue loads). */
export const EMPTY_NODE_TYPE_INDEX: NodeTypeIndex = { latest: new Map(), exact: new Map() };

/** The key of one version of a type in {@link NodeTypeIndex.exact}. */
export function nodeTypeKey(type: string, version: number): string {
  return `${type}@${version}`;
}

/** Indexes descriptors by type + version and picks the newest version of each type, whatever their order. */
export function indexNodeTypes(nodeTypes: Iterable<NodeTypeDescriptor>): NodeTypeIndex {
  const latest = new Map<string, NodeTypeDescriptor>();
  const exact = new Map<string, NodeTypeDescriptor>();
  for (const descriptor of nodeTypes) {
    exact.set(nodeTypeKey(descriptor.type, descriptor.version), descriptor);
    const known = latest.get(descriptor.type);
    if (!known || known.version < descriptor.version) latest.set(descriptor.type, descriptor);
  }
  return { latest, exact };
}

/**
 * The descriptor of `node`'s exact type and version. There is deliberately no fallback to another
 * version: its config schema and ports may differ, and the server would refuse the node on save anyway.
 */
export function describeNode(index: NodeTypeIndex, node: NodeTypeRef): NodeTypeDescriptor | undefined {
  return index.exact.get(nodeTypeKey(node.type, node.typeVersion));
}

/** A {@link DescribeNode} bound to one index, for the connection checks. */
export function nodeDescriber(index: NodeTypeIndex): DescribeNode {
  return (node) => describeNode(index, node);
}

/**
 * The newest version of `node`'s type when it is newer than the node's own, for the "vN available"
 * hint. The editor never migrates a node by itself: the newer version's config may mean something else.
 */
export function newerVersionOf(index: NodeTypeIndex, node: NodeTypeRef): number | undefined {
  const newest = index.latest.get(node.type)?.version;
  return newest !== undefined && newest > node.typeVersion ? newest : undefined;
}
