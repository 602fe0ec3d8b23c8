import type { SqlDatabase } from '../db/sql-database.ts';
import type { AuditAction } from './audit-actions.ts';
import type { AuditDetailValue } from './record-audit.ts';

/** One audit row as the API shows it. */
export interface AuditRecord {
  id: string;
  at: number;
  actor: string;
  action: AuditAction;
  target: string;
  detail: Record<string, AuditDetailValue>;
}

/** Filters of {@link listAudit}; every one optional, all combined with AND. */
export interface AuditFilter {
  actor?: string;
  action?: AuditAction;
  /** A target exactly, or a flow id: `shop` also finds `shop@3` (its versions). */
  target?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  /** At most this many rows (default 100). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

interface Row {
  id: number;
  at: number;
  actor: string;
  action: AuditAction;
  target: string;
  detail: string;
}

/** A page of the audit log, newest first, and the cursor of the next page (null on the last). */
export async function listAudit(
  db: SqlDatabase,
  filter: AuditFilter,
): Promise<{ entries: AuditRecord[]; nextCursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (filter.actor !== undefined) add('actor = ?', filter.actor);
  if (filter.action !== undefined) add('action = ?', filter.action);
  // `flow@version` sorts between `flow@` and `flowA` ('A' follows '@'): a range both dialects index.
  if (filter.target !== undefined)
    add(
      '(target = ? OR (target > ? AND target < ?))',
      filter.target,
      `${filter.target}@`,
      `${filter.target}A`,
    );
  if (filter.from !== undefined) add('at >= ?', filter.from);
  if (filter.to !== undefined) add('at < ?', filter.to);
  if (filter.cursor !== undefined) add('id < ?', Number(filter.cursor));
  const limit = filter.limit ?? 100;
  const rows = await db.all<Row>(
    `SELECT id, at, actor, action, target, detail FROM srv_audit
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
    [...params, limit + 1],
  );
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({
      id: String(r.id),
      at: Number(r.at),
      actor: r.actor,
      action: r.action,
      target: r.target,
      detail: JSON.parse(r.detail) as Record<string, AuditDetailValue>,
    })),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}
