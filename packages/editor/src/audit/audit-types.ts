/** One audit log entry as `GET /api/audit` answers it. */
export interface AuditEntryView {
  id: string;
  at: number;
  actor: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

/** A page of the audit log. */
export interface AuditPage {
  entries: AuditEntryView[];
  nextCursor: string | null;
}

/** The action codes the server records, in the order the filter lists them. */
export const AUDIT_ACTIONS = [
  'flow.saved',
  'flow.deleted',
  'version.created',
  'deployed',
  'promoted',
  'rolled_back',
  'undeployed',
  'credential.created',
  'credential.updated',
  'credential.rotated',
  'credential.deleted',
  'token.created',
  'token.revoked',
  'environment.changed',
  'run.retried',
] as const;
