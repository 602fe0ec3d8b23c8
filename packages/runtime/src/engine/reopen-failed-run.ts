import { JunctionError } from '../errors/junction-error.ts';
import type { RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';

/** What {@link reopenFailedRun} did. */
export interface ReopenedRun {
  runId: string;
  /** Which retry of the run this is (1 for the first); also kept as the run's `tags.retries`. */
  retry: number;
  /** Failed sub-flow runs of the run that were reopened with it. */
  children: string[];
}

/** `JX_RUN_NOT_FAILED`: only a failed run can be retried. */
function notFailedError(run: Pick<RunRecord, 'id' | 'status'>): JunctionError {
  return new JunctionError(
    'JX_RUN_NOT_FAILED',
    `Run ${run.id} is ${run.status}, not failed; only a failed run can be retried (replay it as a test run instead).`,
    { runId: run.id, status: run.status },
  );
}

async function reopen(store: RunStore, run: RunRecord, now: number, children: string[]): Promise<number> {
  // Children first: the parent's sub-flow node runs again, finds its child unfinished and continues it
  // (child ids are deterministic), instead of reading the child's failure again.
  for (const child of await store.listRuns({ parentRunId: run.id, status: 'failed' })) {
    await reopen(store, child, now, children);
    children.push(child.id);
  }
  const previous = run.tags?.retries;
  const retry = (typeof previous === 'number' ? previous : 0) + 1;
  const seq = await store.reopenRun!(
    run.id,
    { type: 'run.retried', at: now, data: { retry, ...(run.error ? { failedWith: run.error.code } : {}) } },
    { updatedAt: now, tags: { ...(run.tags ?? {}), retries: retry } },
  );
  // Another retry reopened it between the read and here: that one continues the run.
  if (seq === undefined) throw notFailedError({ id: run.id, status: 'queued' });
  return retry;
}

/**
 * Reopens a failed run so it continues from where it failed — the same run, so every node keeps its
 * idempotency key (`runId:nodeId`) and no completed node runs again. Then hand it to an engine with
 * `Engine.wake(runId)` (recovery would pick it up later too).
 *
 * 1. The run must exist (`JX_RUN_NOT_FOUND`), be `failed` (`JX_RUN_NOT_FAILED`) and not be a sub-flow
 *    run (`JX_RUN_RETRY_CHILD`: retry its parent, which reopens it).
 * 2. Its failed sub-flow runs are reopened first, recursively.
 * 3. `RunStore.reopenRun` queues it, clears its error, drops its lease and journals `run.retried`, in
 *    one transaction that only succeeds while the run is still failed: of two concurrent retries, one wins.
 */
export async function reopenFailedRun(
  store: RunStore,
  runId: string,
  now = Date.now(),
): Promise<ReopenedRun> {
  if (!store.reopenRun) {
    throw new JunctionError(
      'JX_RUN_RETRY_UNSUPPORTED',
      'This run store cannot reopen runs; use SQLite or PostgreSQL.',
      {
        runId,
      },
    );
  }
  const run = await store.getRun(runId);
  if (!run) throw new JunctionError('JX_RUN_NOT_FOUND', `Run ${runId} does not exist.`, { runId });
  if (run.status !== 'failed') throw notFailedError(run);
  if (run.parentRunId !== undefined) {
    throw new JunctionError(
      'JX_RUN_RETRY_CHILD',
      `Run ${runId} is a sub-flow run of ${run.parentRunId}; retry the parent run, which continues this one.`,
      { runId, parentRunId: run.parentRunId },
    );
  }
  const children: string[] = [];
  const retry = await reopen(store, run, now, children);
  return { runId, retry, children };
}
