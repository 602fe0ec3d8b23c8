import { statusList } from '../run-filter.ts';
import type { RunFilter } from '../run-records.ts';

/** A WHERE clause (without the keyword; `1 = 1` when empty) and its parameters. */
export interface WhereClause {
  sql: string;
  params: unknown[];
}

/**
 * Translates a run filter into SQL with numbered placeholders from `placeholder(n)` (`?` for SQLite,
 * `$n` for PostgreSQL), so both stores filter exactly like `matchesRunFilter`. `dialect` says how a
 * tag is read from the JSON `tags` column (default: SQLite's `json_extract`).
 */
export function runFilterWhere(
  filter: Omit<RunFilter, 'limit' | 'before'>,
  placeholder: (index: number) => string,
  cursor?: { createdAt: number; id: string },
  dialect: 'sqlite' | 'postgres' = 'sqlite',
): WhereClause {
  const parts: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return placeholder(params.length);
  };
  if (filter.flowId !== undefined) parts.push(`flow_id = ${param(filter.flowId)}`);
  if (filter.flowVersion !== undefined) parts.push(`flow_version = ${param(filter.flowVersion)}`);
  const statuses = statusList(filter);
  if (statuses) {
    parts.push(statuses.length === 0 ? '1 = 0' : `status IN (${statuses.map(param).join(', ')})`);
  }
  if (filter.since !== undefined) parts.push(`created_at >= ${param(filter.since)}`);
  if (filter.until !== undefined) parts.push(`created_at < ${param(filter.until)}`);
  if (filter.test !== undefined) parts.push(`test = ${param(filter.test)}`);
  if (filter.parentRunId !== undefined) parts.push(`parent_run_id = ${param(filter.parentRunId)}`);
  if (filter.environment !== undefined) {
    const tag =
      dialect === 'postgres' ? "(tags::jsonb ->> 'environment')" : "json_extract(tags, '$.environment')";
    parts.push(`${tag} = ${param(filter.environment)}`);
  }
  if (cursor) {
    const at = param(cursor.createdAt);
    const again = param(cursor.createdAt);
    parts.push(`(created_at < ${at} OR (created_at = ${again} AND id < ${param(cursor.id)}))`);
  }
  return { sql: parts.length === 0 ? '1 = 1' : parts.join(' AND '), params };
}
