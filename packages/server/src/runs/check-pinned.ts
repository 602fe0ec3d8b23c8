import {
  type FlowDocument,
  JunctionError,
  type NodeOutputs,
  type NodeRegistry,
  portsOf,
} from '@junction/runtime';

/**
 * Checks the pinned outputs of a test run against the flow: a pin for a node the flow does not have
 * is 404 `JX_NODE_NOT_FOUND` (like `stopAfter`); a pin on a port the node does not emit is 422
 * `JX_PORT_UNKNOWN`. Silently ignoring either would run the flow with data the user did not mean.
 * The `error` port is always accepted: any node can route its error there.
 */
export function assertPinnedOutputs(
  flow: FlowDocument,
  pinned: Record<string, NodeOutputs>,
  registry: NodeRegistry,
): void {
  for (const [nodeId, outputs] of Object.entries(pinned)) {
    const node = flow.nodes.find((n) => n.id === nodeId);
    if (!node) {
      throw new JunctionError(
        'JX_NODE_NOT_FOUND',
        `pinned names node ${nodeId}, which the flow does not have.`,
        {
          nodeId,
          pointer: `/pinned/${nodeId}`,
        },
      );
    }
    const ports = new Set([
      ...portsOf(registry.get(node.type, node.typeVersion), node.config).outputs,
      'error',
    ]);
    for (const port of Object.keys(outputs)) {
      if (ports.has(port)) continue;
      throw new JunctionError(
        'JX_PORT_UNKNOWN',
        `pinned.${nodeId} names port ${port}, which node ${nodeId} (${node.type}) does not have; use ${[...ports].join(', ')}.`,
        { nodeId, port, ports: [...ports], pointer: `/pinned/${nodeId}/${port}` },
      );
    }
  }
}
