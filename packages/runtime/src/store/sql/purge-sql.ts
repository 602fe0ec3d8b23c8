import type { RunPurgeSelection } from '../run-purge.ts';
import type { WhereClause } from './run-filter-sql.ts';

const FINISHED = "status IN ('succeeded', 'failed', 'cancelled')";
const ACTIVE = "p.status IN ('queued', 'running', 'waiting')";

/**
 * The query of the run ids a purge deletes, with numbered placeholders from
 * `placeholder(n)` (`?` for SQLite, `$n` for PostgreSQL); undefined when the selection asks for
 * nothing. Used as `DELETE FROM runs WHERE id IN (…) AND <finished> RETURNING id`, so a run that
 * became active again between selection and deletion (a retry) is kept. No ORDER BY: every selected
 * run goes anyway, and sorting the whole backlog for each batch made a purge quadratic (the index on
 * (status, created_at) yields them oldest first per status, and the LIMIT stops the scan early).
 */
export function purgeRunIdsQuery(
  selection: RunPurgeSelection,
  limit: number,
  placeholder: (index: number) => string,
): WhereClause | undefined {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return placeholder(params.length);
  };
  const flows = (prefix: string): string => {
    const parts: string[] = [];
    if (selection.flowIds) {
      parts.push(
        selection.flowIds.length === 0
          ? '1 = 0'
          : `${prefix}flow_id IN (${selection.flowIds.map(param).join(', ')})`,
      );
    }
    if (selection.exceptFlowIds?.length) {
      parts.push(`${prefix}flow_id NOT IN (${selection.exceptFlowIds.map(param).join(', ')})`);
    }
    return parts.map((part) => ` AND ${part}`).join('');
  };
  // Placeholders are taken in the order they appear in the text (SQLite's `?` are positional).
  const outerFlows = flows('r.');
  const reasons: string[] = [];
  const finishedAt = 'COALESCE(r.finished_at, r.updated_at)';
  if (selection.succeededBefore !== undefined) {
    reasons.push(`(r.status = 'succeeded' AND ${finishedAt} < ${param(selection.succeededBefore)})`);
  }
  if (selection.failedBefore !== undefined) {
    reasons.push(
      `(r.status IN ('failed', 'cancelled') AND ${finishedAt} < ${param(selection.failedBefore)})`,
    );
  }
  if (selection.keepPerFlow !== undefined) {
    // Ranked among the finished runs of each flow, newest first; beyond the limit they go.
    const ranked = `SELECT id, ROW_NUMBER() OVER (PARTITION BY flow_id ORDER BY created_at DESC, id DESC) AS n
      FROM runs WHERE ${FINISHED}${flows('')}`;
    reasons.push(
      `r.id IN (SELECT id FROM (${ranked}) ranked WHERE n > ${param(Math.max(0, Math.floor(selection.keepPerFlow)))})`,
    );
  }
  if (reasons.length === 0) return undefined;
  const sql = `SELECT r.id FROM runs r WHERE r.${FINISHED}${outerFlows} AND (${reasons.join(' OR ')})
    AND (r.parent_run_id IS NULL
      OR NOT EXISTS (SELECT 1 FROM runs p WHERE p.id = r.parent_run_id AND ${ACTIVE}))
    LIMIT ${param(Math.max(1, Math.floor(limit)))}`;
  return { sql, params };
}

/** The finished-status condition, repeated by the DELETE so an active run is never deleted. */
export const FINISHED_CONDITION = FINISHED;

/** Tables holding rows of a run by `run_id`, besides the journal (normally empty for a finished run). */
export const RUN_SIDE_TABLES = ['run_leases', 'waits', 'timers', 'pending_resumes'] as const;
