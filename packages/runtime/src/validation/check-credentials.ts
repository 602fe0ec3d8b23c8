import { joinPointer } from '../flow/json-pointer.ts';
import { isObject, type NodeView, nodeLabel } from './flow-view.ts';
import type { ValidationProblem } from './validation-problem.ts';

/** Looks up the kind of a stored credential by id; undefined when no such credential exists. */
export type CredentialKindLookup = (credentialId: string) => string | undefined;

/**
 * Credential slots of one node: unknown slots, required slots left empty and, when the caller can
 * look credentials up, credentials that do not exist or whose kind the slot does not accept.
 */
export function checkCredentials(
  view: NodeView,
  base: string,
  credentialKind: CredentialKindLookup | undefined,
  problems: ValidationProblem[],
): void {
  const slots = view.definition?.credentials ?? {};
  const assigned = isObject(view.raw.credentials) ? view.raw.credentials : {};
  const slotNames = Object.keys(slots);
  const nodeId = view.id;

  for (const [slot, credentialId] of Object.entries(assigned)) {
    const pointer = joinPointer(`${base}/credentials`, slot);
    const accepted = slots[slot];
    if (!accepted) {
      problems.push({
        code: 'JX_UNKNOWN_CREDENTIAL_SLOT',
        pointer,
        message: slotNames.length
          ? `Node ${nodeLabel(view)} has no credential slot ${slot}; its slots are: ${slotNames.join(', ')}.`
          : `Node ${nodeLabel(view)} takes no credentials; remove the ${slot} credential.`,
        nodeId,
      });
      continue;
    }
    if (!credentialKind || typeof credentialId !== 'string' || credentialId === '') continue;
    const kind = credentialKind(credentialId);
    if (kind === undefined) {
      problems.push({
        code: 'JX_CREDENTIAL_NOT_FOUND',
        pointer,
        message: `Node ${nodeId}: credential ${credentialId} in slot ${slot} does not exist; pick an existing credential.`,
        nodeId,
      });
    } else if (!accepted.kinds.includes(kind)) {
      problems.push({
        code: 'JX_CREDENTIAL_KIND',
        pointer,
        message: `Node ${nodeId}: credential ${credentialId} is a ${kind} credential, but slot ${slot} accepts only ${accepted.kinds.join(' or ')}.`,
        nodeId,
      });
    }
  }

  for (const slot of slotNames) {
    const value = assigned[slot];
    if (slots[slot]?.optional || (typeof value === 'string' && value !== '')) continue;
    problems.push({
      code: 'JX_CREDENTIAL_MISSING',
      pointer: joinPointer(`${base}/credentials`, slot),
      message: `Node ${nodeId} needs a ${slots[slot]?.kinds.join(' or ')} credential in slot ${slot}; pick one.`,
      nodeId,
    });
  }
}
