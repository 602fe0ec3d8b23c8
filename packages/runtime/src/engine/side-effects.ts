import type { JsonObject } from '../flow/json.ts';
import type { NodeTypeDefinition } from '../node/node-type.ts';

/**
 * Whether a node of this type and config may have side effects, i.e. needs the step barrier before it
 * starts (see `NodeTypeDefinition.sideEffects`). Decided once per compiled flow. Anything but an
 * explicit `false` counts as a side effect, including a decision function that throws: a needless
 * barrier costs a commit, a missing one can repeat an order after a crash.
 */
export function hasSideEffects(definition: NodeTypeDefinition, config: JsonObject): boolean {
  const declared = definition.sideEffects;
  if (typeof declared !== 'function') return declared !== false;
  try {
    return declared(config) !== false;
  } catch {
    return true;
  }
}
