import type { Json } from '../document/flow-types.ts';

const key = (flowId: string) => `junction.testInput.${flowId}`;

/**
 * The trigger payload used for test runs of a flow. Kept in localStorage per flow, not in the
 * document: it is the author's scratch data and must not change the flow's bytes.
 */
export function loadTestInput(flowId: string): Json | undefined {
  try {
    const text = localStorage.getItem(key(flowId));
    return text === null ? undefined : (JSON.parse(text) as Json);
  } catch {
    return undefined;
  }
}

/** Stores (or clears, with undefined) the test payload of a flow. */
export function saveTestInput(flowId: string, input: Json | undefined): void {
  if (input === undefined) localStorage.removeItem(key(flowId));
  else localStorage.setItem(key(flowId), JSON.stringify(input));
}

const pinKey = (flowId: string) => `junction.pinned.${flowId}`;

/** Outputs pinned per node for test runs: those nodes do not run, their pinned outputs are used instead. */
export function loadPinned(flowId: string): Record<string, Record<string, Json>> {
  try {
    return JSON.parse(localStorage.getItem(pinKey(flowId)) ?? '{}') as Record<string, Record<string, Json>>;
  } catch {
    return {};
  }
}

/** Pins (or, with undefined, unpins) the outputs of one node for test runs of a flow. */
export function pinOutput(flowId: string, nodeId: string, output: Record<string, Json> | undefined): void {
  const pinned = loadPinned(flowId);
  if (output === undefined) delete pinned[nodeId];
  else pinned[nodeId] = output;
  if (Object.keys(pinned).length) localStorage.setItem(pinKey(flowId), JSON.stringify(pinned));
  else localStorage.removeItem(pinKey(flowId));
}
