import { translator } from '../i18n/i18n.ts';
import { type PortCache, portCacheKey } from '../ports/port-cache.ts';
import type { FlowDocument, FlowNode, PortRef } from './flow-types.ts';
import type { DescribeNode } from './node-types.ts';
import { portsOfNode } from './ports.ts';

/** Why a connection is refused, as a sentence for the user; undefined when it is allowed. */
export type ConnectionVerdict = { ok: true } | { ok: false; code: string; reason: string };

/** True when `to` can reach `from` along edges, i.e. an edge from → to would close a cycle. */
export function reaches(document: FlowDocument, from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const edge of document.edges) {
    const list = next.get(edge.source.node) ?? [];
    list.push(edge.target.node);
    next.set(edge.source.node, list);
  }
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const current = stack.pop()!;
    if (current === to) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(next.get(current) ?? []));
  }
  return false;
}

/**
 * Decides whether an edge source → target may be added: both ports must exist, the target must
 * accept input, the edge must be new and must not close a cycle (flows are DAGs; iteration is a node).
 * `known` holds the server's ports for dynamic node types, so a switch offers exactly its cases.
 */
export function checkConnection(
  document: FlowDocument,
  source: PortRef,
  target: PortRef,
  describe: DescribeNode,
  known?: PortCache,
): ConnectionVerdict {
  const from = document.nodes.find((n) => n.id === source.node);
  const to = document.nodes.find((n) => n.id === target.node);
  if (!from || !to)
    return { ok: false, code: 'JX_EDITOR_EDGE_UNKNOWN_NODE', reason: translator().t('connect.unknownNode') };
  const label = (id: string, name?: string) => name ?? id;
  if (from.id === to.id) {
    return {
      ok: false,
      code: 'JX_FLOW_CYCLE',
      reason: translator().t('connect.self', { node: label(from.id, from.name) }),
    };
  }
  const portsFor = (node: FlowNode) => {
    // Until the server has answered, ports existing edges use count as real (the local guess may be short).
    const resolved = known?.has(portCacheKey(node.type, node.typeVersion, node.config));
    return portsOfNode(node, describe(node), resolved ? undefined : document, known);
  };
  const fromPorts = portsFor(from);
  const toPorts = portsFor(to);
  if (!fromPorts.outputs.includes(source.port)) {
    return {
      ok: false,
      code: 'JX_FLOW_PORT_UNKNOWN',
      reason: `${label(from.id, from.name)} has no output "${source.port}".`,
    };
  }
  if (toPorts.inputs.length === 0) {
    return {
      ok: false,
      code: 'JX_FLOW_PORT_UNKNOWN',
      reason: `${label(to.id, to.name)} is a trigger: it starts the flow and takes no input.`,
    };
  }
  if (!toPorts.inputs.includes(target.port)) {
    return {
      ok: false,
      code: 'JX_FLOW_PORT_UNKNOWN',
      reason: `${label(to.id, to.name)} has no input "${target.port}".`,
    };
  }
  const duplicate = document.edges.some(
    (e) =>
      e.source.node === source.node &&
      e.source.port === source.port &&
      e.target.node === target.node &&
      e.target.port === target.port,
  );
  if (duplicate)
    return { ok: false, code: 'JX_EDITOR_EDGE_EXISTS', reason: translator().t('connect.exists') };
  if (reaches(document, to.id, from.id)) {
    return {
      ok: false,
      code: 'JX_FLOW_CYCLE',
      reason: translator().t('connect.cycle', {
        to: label(to.id, to.name),
        from: label(from.id, from.name),
      }),
    };
  }
  return { ok: true };
}
