import { type NodePortList, type PortCache, portCacheKey } from '../ports/port-cache.ts';
import type { FlowDocument, FlowNode, NodeTypeDescriptor } from './flow-types.ts';

export type { NodePortList } from '../ports/port-cache.ts';

/**
 * The editor's guess at a dynamic node's ports while the server has not answered yet: one output per
 * entry of a `cases` list (its name, or case<index>), as `flow.switch` does, then the declared ones.
 */
function guessDynamicOutputs(node: FlowNode, declared: string[]): string[] {
  const cases = node.config.cases;
  if (!Array.isArray(cases)) return declared;
  const named = cases.map((entry, index) => {
    const name = entry && typeof entry === 'object' && !Array.isArray(entry) ? entry.name : undefined;
    return typeof name === 'string' && name.trim() ? name.trim() : `case${index}`;
  });
  return [...named.filter((n) => !declared.includes(n)), ...declared];
}

/**
 * Ports of a node. Types with dynamic ports derive them from config on the server; `known` holds the
 * server's answers (see `createPortResolver`), and until one arrives the editor guesses. With a
 * `document`, ports an existing edge still uses are added so the edge stays visible (validation
 * flags it as dangling when the server's ports no longer include it).
 */
export function portsOfNode(
  node: FlowNode,
  descriptor: NodeTypeDescriptor | undefined,
  document?: FlowDocument,
  known?: PortCache,
): NodePortList {
  let inputs = [...(descriptor?.inputs ?? ['in'])];
  let outputs = [...(descriptor?.outputs ?? ['out'])];
  if (!descriptor?.dynamicPorts) return { inputs, outputs };
  const resolved = known?.get(portCacheKey(node.type, node.typeVersion, node.config));
  if (resolved) {
    inputs = [...resolved.inputs];
    outputs = [...resolved.outputs];
  } else {
    outputs = guessDynamicOutputs(node, outputs);
  }
  for (const edge of document?.edges ?? []) {
    if (edge.source.node === node.id && !outputs.includes(edge.source.port)) outputs.push(edge.source.port);
    if (edge.target.node === node.id && !inputs.includes(edge.target.port)) inputs.push(edge.target.port);
  }
  return { inputs, outputs };
}
