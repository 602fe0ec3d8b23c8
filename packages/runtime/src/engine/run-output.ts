import type { Json } from '../flow/json.ts';
import type { NodeOutputs } from '../node/node-result.ts';
import type { GraphNode } from './flow-graph.ts';
import { NodeStatus, type RunState } from './run-state.ts';

/** The value a node contributes to the run output: its first emitted port, in declared port order. */
function mainValue(node: GraphNode, outputs: NodeOutputs): Json {
  for (const port of node.outputs) if (outputs[port] !== undefined) return outputs[port];
  for (const port in outputs) if (outputs[port] !== undefined) return outputs[port];
  return null;
}

/**
 * The run's final output.
 *
 * 1. With `stopAfter`, the target node's value (a test run asks about that node).
 * 2. Otherwise the completed sinks (nodes with no outgoing edge); skipped branches do not count.
 * 3. One completed sink → its value; several → an object of values by node id; none → `null`.
 *    An if/else whose branches each end in their own node thus still yields a single value.
 */
export function runOutput(state: RunState): Json {
  const { graph, status, outputs } = state;
  if (state.plan.stopAfter !== undefined) {
    const index = graph.byId.get(state.plan.stopAfter);
    const out = index === undefined ? undefined : outputs[index];
    return index === undefined || out === undefined ? null : mainValue(graph.nodes[index]!, out);
  }
  let single: Json | undefined;
  let many: Record<string, Json> | undefined;
  for (const index of graph.sinks) {
    const out = outputs[index];
    if (status[index] !== NodeStatus.completed || out === undefined) continue;
    const node = graph.nodes[index]!;
    const value = mainValue(node, out);
    if (many) many[node.id] = value;
    else if (single === undefined) single = value;
    else {
      const first = graph.sinks.find((sink) => status[sink] === NodeStatus.completed)!;
      many = { [graph.nodes[first]!.id]: single, [node.id]: value };
    }
  }
  return many ?? single ?? null;
}
