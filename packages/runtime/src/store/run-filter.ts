import type { RunFilter, RunRecord, RunStatus } from './run-records.ts';

/** Every run status, in lifecycle order; `countRuns` reports each of them (zero when absent). */
export const RUN_STATUSES: readonly RunStatus[] = [
  'queued',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'cancelled',
];

/** Statuses whose runs still need a worker; a run in one of them without a live lease is orphaned. */
export const ACTIVE_STATUSES: readonly RunStatus[] = ['queued', 'running'];

/** The filter's statuses as a list, or undefined when it does not filter by status. */
export function statusList(filter: Pick<RunFilter, 'status'>): RunStatus[] | undefined {
  if (filter.status === undefined) return undefined;
  return Array.isArray(filter.status) ? filter.status : [filter.status];
}

/**
 * Whether a run passes a filter (everything but `limit` and `before`).
 * `since` is inclusive and `until` exclusive, both on `createdAt`.
 */
export function matchesRunFilter(run: RunRecord, filter: Omit<RunFilter, 'limit' | 'before'>): boolean {
  const statuses = statusList(filter);
  if (statuses && !statuses.includes(run.status)) return false;
  if (filter.flowId !== undefined && run.flowId !== filter.flowId) return false;
  if (filter.flowVersion !== undefined && run.flowVersion !== filter.flowVersion) return false;
  if (filter.since !== undefined && run.createdAt < filter.since) return false;
  if (filter.until !== undefined && run.createdAt >= filter.until) return false;
  if (filter.test !== undefined && run.test !== filter.test) return false;
  if (filter.parentRunId !== undefined && run.parentRunId !== filter.parentRunId) return false;
  if (filter.environment !== undefined && run.tags?.environment !== filter.environment) return false;
  return true;
}

/**
 * Newest-first order: by `createdAt`, ties broken by id, so pagination with `before` is stable
 * even when many runs share a millisecond.
 */
export function compareNewestFirst(a: RunRecord, b: RunRecord): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
