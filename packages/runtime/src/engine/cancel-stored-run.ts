import type { RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { runCancelledError } from './engine-errors.ts';

/**
 * Cancels a run that is not in memory (suspended, or orphaned by a dead process) directly in the
 * store: waits and timers removed, `run.cancelled` journaled after the last entry, record updated.
 * `beforeRecord` runs once `run.cancelled` is durable and before the record says so.
 * Returns the cancelled record; the caller checks first that the run has not finished.
 */
export async function cancelStoredRun(
  store: RunStore,
  record: RunRecord,
  reason: string | undefined,
  at: number,
  beforeRecord?: (cancelled: RunRecord) => Promise<void>,
): Promise<RunRecord> {
  const runId = record.id;
  const error = runCancelledError(runId, reason).toJSON();
  await store.clearRunWaits(runId);
  const last = (await store.readJournal(runId)).at(-1)?.seq ?? 0;
  await store.appendJournal([{ runId, seq: last + 1, type: 'run.cancelled', at, error }]);
  await store.flush();
  const cancelled: RunRecord = { ...record, status: 'cancelled', error, updatedAt: at, finishedAt: at };
  // Between the journal and the record, like a run that ends in memory (EngineCore.parentNotice).
  await beforeRecord?.(cancelled);
  await store.updateRun(runId, { status: 'cancelled', error, updatedAt: at, finishedAt: at });
  return cancelled;
}
