import type { FlowGraph } from './flow-graph.ts';
import { collectInputs } from './node-inputs.ts';
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
 * 5. First arrival (`readiness: 'any'`): the first live edge into such a node makes it ready at once,
 *    and its inputs are frozen as they stand after the settling node's edges are all counted (so two
 *    ports fed by one node arrive together). It is never made ready again: later edges only count
 *    down (step 2), and when all ports settle without any live edge, step 3 skips it as usual.
 *    Replay settles nodes in journal order, which is the order live settling happened in, so the
 *    same arrival wins after a crash.
 *
 * Each edge is visited once per run, so scheduling costs O(nodes + edges) in total.
 */
export function settleNode(graph: FlowGraph, state: RunState, index: number, ready: number[]): void {
  const outputs = state.outputs[index];
  let arrivals: number[] | undefined;
  for (const edge of graph.nodes[index]!.outEdges) {
    if (outputs !== undefined && outputs[edge.port] !== undefined) {
      state.liveSlots[edge.slot] = 1;
      if (graph.nodes[edge.target]!.firstArrival && state.arrived[edge.target] === 0) {
        state.arrived[edge.target] = 1;
        if (arrivals === undefined) arrivals = [edge.target];
        else arrivals.push(edge.target);
      }
    }
    if (--state.pendingEdges[edge.slot]! === 0) {
      if (state.liveSlots[edge.slot] === 1) state.livePorts[edge.target]!++;
      if (--state.pendingPorts[edge.target]! === 0 && state.arrived[edge.target] === 0)
        ready.push(edge.target);
    }
  }
  if (arrivals === undefined) return;
  for (const target of arrivals) {
    state.arrivedInputs.set(target, collectInputs(state, graph.nodes[target]!));
    ready.push(target);
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
  return graph.nodes[index]!.inPorts.length > 0 && state.livePorts[index] === 0 && state.arrived[index] === 0;
}
