import type { ResumeReason } from '../node/node-result.ts';

/**
 * The credential that verified a callback when it is not one of the waiting node's own
 * (environment-resolved) credentials: a callback signed in one environment must never resume a run
 * of another, even when their keys collide. Undefined when the callback may resume the node (it was
 * not verified, or verified with one of the node's credentials).
 */
export function foreignVerifier(
  reason: ResumeReason,
  credentials: Readonly<Record<string, string>> | undefined,
): string | undefined {
  const verifiedBy = reason.reason === 'callback' ? reason.context?.verifiedBy : undefined;
  if (verifiedBy === undefined) return undefined;
  return Object.values(credentials ?? {}).includes(verifiedBy) ? undefined : verifiedBy;
}
