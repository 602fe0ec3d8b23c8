import { JunctionError, type RunRecord } from '@junction/runtime';
import type { ServerContext } from '../app/server-context.ts';
import { retryRun } from './retry-run.ts';

/** Which failed runs a bulk retry takes. `status`, when given, must be `failed`. */
export interface RetryFilter {
  flowId?: string;
  status?: string;
  version?: number;
  /** Epoch ms, inclusive (run creation). */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  /** Only runs whose error has this code (e.g. `JX_HTTP_STATUS`). */
  errorCode?: string;
}

/** What a bulk retry did. */
export interface BulkRetryResult {
  /** Failed runs the filter matched (up to the limit). */
  matched: number;
  retried: number;
  /** Runs that could not be retried (another retry took them first…), with the code why. */
  refused: { runId: string; code: string }[];
  runIds: string[];
}

const PAGE = 200;
/** Failed runs looked at per bulk retry, at most: an error-code filter reads past non-matching ones. */
const SCAN_LIMIT = 10_000;

/** `JX_RUN_RETRY_STATUS_INVALID`: a bulk retry only takes failed runs. */
function statusError(status: string): JunctionError {
  return new JunctionError(
    'JX_RUN_RETRY_STATUS_INVALID',
    `Only failed runs can be retried; the filter asks for status ${status}. Leave status out or set it to failed.`,
    { status },
  );
}

/** Newest first: failed, not test runs, not sub-flow runs (their parent's retry takes them). */
async function selectRuns(ctx: Pick<ServerContext, 'store'>, filter: RetryFilter, limit: number) {
  const picked: RunRecord[] = [];
  let before: string | undefined;
  for (let scanned = 0; picked.length < limit && scanned < SCAN_LIMIT; ) {
    const page = await ctx.store.listRuns({
      status: 'failed',
      test: false,
      ...(filter.flowId !== undefined ? { flowId: filter.flowId } : {}),
      ...(filter.version !== undefined ? { flowVersion: filter.version } : {}),
      ...(filter.from !== undefined ? { since: filter.from } : {}),
      ...(filter.to !== undefined ? { until: filter.to } : {}),
      ...(before !== undefined ? { before } : {}),
      limit: PAGE,
    });
    for (const run of page) {
      if (picked.length >= limit) break;
      if (run.parentRunId !== undefined) continue;
      if (filter.errorCode !== undefined && run.error?.code !== filter.errorCode) continue;
      picked.push(run);
    }
    scanned += page.length;
    if (page.length < PAGE) break;
    before = page.at(-1)!.id;
  }
  return picked;
}

/**
 * Retries up to `limit` failed runs matching `filter`, oldest of them first, one after the other
 * (each is handed to an engine as it is reopened). A run another retry reopened meanwhile is
 * reported in `refused` with its code; nothing else stops the batch.
 */
export async function bulkRetry(
  ctx: Pick<ServerContext, 'store' | 'engine'>,
  filter: RetryFilter,
  limit: number,
): Promise<BulkRetryResult> {
  if (filter.status !== undefined && filter.status !== 'failed') throw statusError(filter.status);
  const runs = (await selectRuns(ctx, filter, limit)).reverse();
  const result: BulkRetryResult = { matched: runs.length, retried: 0, refused: [], runIds: [] };
  for (const run of runs) {
    try {
      await retryRun(ctx, run.id);
      result.retried++;
      result.runIds.push(run.id);
    } catch (error) {
      if (!(error instanceof JunctionError)) throw error;
      result.refused.push({ runId: run.id, code: error.code });
    }
  }
  return result;
}
