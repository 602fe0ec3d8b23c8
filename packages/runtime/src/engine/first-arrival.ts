import type { JsonObject } from '../flow/json.ts';
import type { NodeTypeDefinition } from '../node/node-type.ts';

/**
 * Whether a node of this type and config runs at the first arrival (`readiness: 'any'`) rather than
 * once all its inputs have settled. Decided once per compiled flow. Anything but an explicit `any`
 * means `all`, including a decision function that throws: waiting for every input is the rule a flow
 * author expects unless the type says otherwise.
 */
export function runsOnFirstArrival(definition: NodeTypeDefinition, config: JsonObject): boolean {
  const declared = definition.readiness;
  if (typeof declared !== 'function') return declared === 'any';
  try {
    return declared(config) === 'any';
  } catch {
    return false;
  }
}
