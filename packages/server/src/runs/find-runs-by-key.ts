import {
  compareNewestFirst,
  JunctionError,
  matchesRunFilter,
  type RunFilter,
  type RunRecord,
} from '@junction/runtime';
import type { ServerContext } from '../app/server-context.ts';

/** `%`, `_` and the escape character itself are literal in the searched value. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Runs that carry a business key (an order number such as `A-1001`), newest first:
 *
 * 1. Callback correlation keys: every callback the server received is logged with its key and, once
 *    matched, the run it resumed (`srv_callbacks`, indexed by key) — the run that waited for A-1001.
 * 2. Trigger input: runs whose input holds the value as a whole JSON string (`"A-1001"`) or number,
 *    at any depth. A text search over the stored input, bounded by the other filters and the limit.
 *
 * The other filters of `filter` (status, flow, version, time, environment, test) apply to both, and
 * `before` pages on as in the plain list.
 */
export async function findRunsByKey(
  ctx: Pick<ServerContext, 'db' | 'store'>,
  key: string,
  filter: RunFilter,
): Promise<RunRecord[]> {
  const limit = filter.limit ?? 50;
  const cursor = filter.before !== undefined ? await ctx.store.getRun(filter.before) : undefined;
  if (filter.before !== undefined && !cursor) {
    throw new JunctionError('JX_RUN_NOT_FOUND', `Run ${filter.before} does not exist.`, {
      runId: filter.before,
    });
  }
  const ids = new Set<string>();
  const correlated = await ctx.db.all<{ run_id: string }>(
    'SELECT DISTINCT run_id FROM srv_callbacks WHERE key = ? AND run_id IS NOT NULL',
    [key],
  );
  for (const row of correlated) ids.add(row.run_id);

  const patterns = [`%${likeLiteral(JSON.stringify(key))}%`];
  if (/^-?\d+(\.\d+)?$/.test(key)) patterns.push(`%:${key},%`, `%:${key}}%`, `%[${key},%`, `%,${key}]%`);
  const where = [`(${patterns.map(() => "input LIKE ? ESCAPE '\\'").join(' OR ')})`];
  const params: unknown[] = [...patterns];
  if (filter.flowId !== undefined) {
    where.push('flow_id = ?');
    params.push(filter.flowId);
  }
  if (filter.since !== undefined) {
    where.push('created_at >= ?');
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    where.push('created_at < ?');
    params.push(filter.until);
  }
  if (cursor) {
    where.push('created_at <= ?');
    params.push(cursor.createdAt);
  }
  const byInput = await ctx.db.all<{ id: string }>(
    `SELECT id FROM runs WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`,
    [...params, limit * 4],
  );
  for (const row of byInput) ids.add(row.id);

  const runs: RunRecord[] = [];
  for (const id of ids) {
    const run = await ctx.store.getRun(id);
    if (!run || !matchesRunFilter(run, filter)) continue;
    if (!cursor || compareNewestFirst(cursor, run) < 0) runs.push(run);
  }
  return runs.sort(compareNewestFirst).slice(0, limit);
}
