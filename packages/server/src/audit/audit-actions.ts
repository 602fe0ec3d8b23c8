/**
 * Every action the audit log records. The code is stable (filters and translations key on it);
 * the target names what changed in the action's own terms (a flow id, `flow@version`, a credential id…).
 */
export const AUDIT_ACTIONS = [
  'flow.saved',
  'flow.deleted',
  'version.created',
  'deployed',
  'undeployed',
  'promoted',
  'rolled_back',
  'credential.created',
  'credential.updated',
  'credential.rotated',
  'credential.deleted',
  'token.created',
  'token.revoked',
  'environment.changed',
  'run.retried',
] as const;

/** One audit action code. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** True when `value` is an audit action code. */
export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
