import { JunctionError } from '../errors/junction-error.ts';
import type { FlowGraph } from './flow-graph.ts';

/**
 * Test runs with `stopAfter`: the target and its ancestors may run, every other node is skipped.
 *
 * 1. Walk the edges backwards from the target (depth-first with an explicit stack).
 * 2. Mark each node reached; the mark array is what the scheduler consults before running a node.
 */
export function allowedForStopAfter(graph: FlowGraph, target: string): Uint8Array {
  const start = graph.byId.get(target);
  if (start === undefined) {
    throw new JunctionError(
      'JX_STOP_AFTER_UNKNOWN',
      `stopAfter names node ${target}, which is not in the flow.`,
      {
        nodeId: target,
      },
    );
  }
  const allowed = new Uint8Array(graph.nodes.length);
  const stack = [start];
  while (stack.length > 0) {
    const index = stack.pop()!;
    if (allowed[index] === 1) continue;
    allowed[index] = 1;
    for (const port of graph.nodes[index]!.inPorts)
      for (const source of port.sources) stack.push(source.node);
  }
  return allowed;
}
