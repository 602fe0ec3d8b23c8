import type { Json } from '../flow/json.ts';
import type { GraphNode } from './flow-graph.ts';
import type { RunState } from './run-state.ts';

/** A node's input values: `inputs` by port (dead ports absent) and `input`, the main one. */
export interface GatheredInputs {
  input: Json;
  inputs: Record<string, Json>;
}

const NO_INPUTS: Record<string, Json> = Object.freeze({}) as Record<string, Json>;

/**
 * What a ready node receives: for a first-arrival node, the inputs frozen when it became ready
 * (`find-ready-nodes.ts` step 5), otherwise {@link collectInputs} now.
 */
export function gatherInputs(state: RunState, node: GraphNode): GatheredInputs {
  return (node.firstArrival && state.arrivedInputs.get(node.index)) || collectInputs(state, node);
}

/**
 * Collects a node's inputs from the outputs recorded so far.
 *
 * 1. Roots (no connected input) receive the run input on their first input port (triggers: the payload).
 * 2. Otherwise each live port takes the value of its first live edge in document order, so a port fed
 *    by several branches (only one of which is normally taken) gets a deterministic value.
 * 3. `input` is the value of the type's first declared input port (`in` by convention), else `null`.
 */
export function collectInputs(state: RunState, node: GraphNode): GatheredInputs {
  const mainPort = node.definition.inputs[0] ?? 'in';
  if (node.inPorts.length === 0) {
    return { input: state.input, inputs: { [mainPort]: state.input } };
  }
  let inputs = NO_INPUTS;
  for (const port of node.inPorts) {
    if (state.liveSlots[port.slot] !== 1) continue;
    for (const source of port.sources) {
      const value = state.outputs[source.node]?.[source.port];
      if (value !== undefined) {
        if (inputs === NO_INPUTS) inputs = {};
        inputs[port.name] = value;
        break;
      }
    }
  }
  return { input: inputs[mainPort] ?? null, inputs };
}
