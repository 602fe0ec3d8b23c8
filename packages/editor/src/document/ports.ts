import type { FlowDocument, FlowNode, NodeTypeDescriptor } from './flow-types.ts';

/** Input and output port names of a node as the editor shows them. */
export interface NodePortList {
  inputs: string[];
  outputs: string[];
}

/**
 * Ports of a node. Types with dynamic ports (e.g. a switch) derive them from config on the server;
 * the editor shows the declared ports, one output per entry of a `cases` list in config, and any
 * port an existing edge already uses.
 */
export function portsOfNode(
  node: FlowNode,
  descriptor: NodeTypeDescriptor | undefined,
  document?: FlowDocument,
): NodePortList {
  const inputs = [...(descriptor?.inputs ?? ['in'])];
  const outputs = [...(descriptor?.outputs ?? ['out'])];
  if (descriptor?.dynamicPorts) {
    const cases = node.config.cases;
    if (Array.isArray(cases)) {
      // Mirrors flow.switch: one output per case (its name, or case<index>), then the declared ones.
      const named = cases.map((entry, index) => {
        const name = entry && typeof entry === 'object' && !Array.isArray(entry) ? entry.name : undefined;
        return typeof name === 'string' && name.trim() ? name.trim() : `case${index}`;
      });
      outputs.splice(0, 0, ...named.filter((n) => !outputs.includes(n)));
    }
    for (const edge of document?.edges ?? []) {
      if (edge.source.node === node.id && !outputs.includes(edge.source.port)) outputs.push(edge.source.port);
      if (edge.target.node === node.id && !inputs.includes(edge.target.port)) inputs.push(edge.target.port);
    }
  }
  return { inputs, outputs };
}
