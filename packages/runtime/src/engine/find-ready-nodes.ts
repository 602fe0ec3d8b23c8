import type { FlowGraph } from './flow-graph.ts';
import type { RunState } from './run-state.ts';

/**
 * Readiness by counting, with dead-path elimination.
 *
 * 1. Every connected input port of a node starts with one pending count per incoming edge, and every
 *    node with one pending count per connected input port (see `RunState`).
 * 2. When a node settles (completed or skipped), each of its outgoing edges settles: the edge is live
 *    when the node emitted a value on the edge's source port, dead otherwise (a skipped node emits
 *    nothing). The target port's pending count goes down; once it reaches zero the port has settled,
 *    live if any of its edges was live.
 * 3. When all of a node's connected ports have settled the node is ready. The caller runs it when at
 *    least one port is live and skips it (its outputs all dead, continuing step 2) when none is.
 * 4. Nodes without connected inputs (triggers, roots) are ready at the start.
 *
 * Each edge is visited once per run, so scheduling costs O(nodes + edges) in total.
 */
export function settleNode(graph: FlowGraph, state: RunState, index: number, ready: number[]): void {
  const outputs = state.outputs[index];
  for (const edge of graph.nodes[index]!.outEdges) {
    if (outputs !== undefined && outputs[edge.port] !== undefined) state.liveSlots[edge.slot] = 1;
    if (--state.pendingEdges[edge.slot]! === 0) {
      if (state.liveSlots[edge.slot] === 1) state.livePorts[edge.target]!++;
      if (--state.pendingPorts[edge.target]! === 0) ready.push(edge.target);
    }
  }
}

/** Step 4: nodes that are ready when a run starts. */
export function rootNodes(graph: FlowGraph): number[] {
  const roots: number[] = [];
  for (const node of graph.nodes) if (node.inPorts.length === 0) roots.push(node.index);
  return roots;
}

/** Step 3: true when a ready node must be skipped because every connected input is dead. */
export function isDeadNode(graph: FlowGraph, state: RunState, index: number): boolean {
  return graph.nodes[index]!.inPorts.length > 0 && state.livePorts[index] === 0;
}
