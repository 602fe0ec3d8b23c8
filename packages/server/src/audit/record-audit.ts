import type { FastifyRequest } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { SqlDatabase, SqlStatement } from '../db/sql-database.ts';
import type { AuditAction } from './audit-actions.ts';

/** A value a detail may hold: small, plain, never a secret. */
export type AuditDetailValue = string | number | boolean | null | string[] | number[];

/** What one audit row says: who did what to which target, with a small detail. */
export interface AuditEntry {
  /** The API token's name, or `admin` / `cli` (see {@link auditActor}). */
  actor: string;
  action: AuditAction;
  /** What changed: a flow id, `flow@version`, a credential id, a token id, an environment name… */
  target: string;
  /** A few plain facts (version numbers, field *names*, scopes); never a secret value. */
  detail?: Record<string, AuditDetailValue>;
  /** Epoch ms; default now. */
  at?: number;
}

/**
 * Keys that name secrets are dropped from a detail whatever their value: a caller passing a
 * credential's `data` by mistake must not put a secret into an append-only table nobody can clean.
 */
const SECRET_KEY = /secret|password|passwd|private|api_?key|token$|^data$/i;

function safeDetail(detail: Record<string, AuditDetailValue> | undefined): string {
  const kept: Record<string, AuditDetailValue> = {};
  for (const [key, value] of Object.entries(detail ?? {})) {
    if (SECRET_KEY.test(key) || value === undefined) continue;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) continue;
    kept[key] = value;
  }
  return JSON.stringify(kept);
}

/** Who made a request: the name of the API token it carried (`admin` for the first-start token). */
export function auditActor(request: FastifyRequest): string {
  return request.tokenName ?? 'admin';
}

/**
 * The INSERT of one audit row, for callers that want it in the same transaction as their change
 * (`db.batch([...changes, auditStatement(entry)])`).
 */
export function auditStatement(entry: AuditEntry): SqlStatement {
  return {
    sql: 'INSERT INTO srv_audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)',
    params: [entry.at ?? Date.now(), entry.actor, entry.action, entry.target, safeDetail(entry.detail)],
  };
}

/**
 * Appends one row to the audit log (`srv_audit`). The log is append-only: nothing in the server
 * updates or deletes its rows. Call it once per change, right after the change is committed.
 *
 * @example
 * await recordAudit(ctx.db, {
 *   actor: auditActor(request),
 *   action: 'environment.changed',
 *   target: 'production',
 *   detail: { change: 'credential-slot', slot: 'supplier' },
 * });
 */
export async function recordAudit(db: SqlDatabase, entry: AuditEntry): Promise<void> {
  const { sql, params } = auditStatement(entry);
  await db.run(sql, params);
}
