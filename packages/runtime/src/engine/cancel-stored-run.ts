import { JunctionError } from '../errors/junction-error.ts';
import type { RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';

/**
 * Cancels a run that is not in memory (suspended, or orphaned by a dead process) directly in the
 * store: waits and timers removed, `run.cancelled` journaled after the last entry, record updated.
 * Returns the cancelled record; the caller checks first that the run has not finished.
 */
export async function cancelStoredRun(
  store: RunStore,
  record: RunRecord,
  reason: string | undefined,
  at: number,
): Promise<RunRecord> {
  const runId = record.id;
  const error = new JunctionError(
    'JX_RUN_CANCELLED',
    reason ? `Run cancelled: ${reason}` : 'Run cancelled.',
    {
      runId,
    },
  ).toJSON();
  await store.clearRunWaits(runId);
  const last = (await store.readJournal(runId)).at(-1)?.seq ?? 0;
  await store.appendJournal([{ runId, seq: last + 1, type: 'run.cancelled', at, error }]);
  await store.updateRun(runId, { status: 'cancelled', error, updatedAt: at, finishedAt: at });
  await store.flush();
  return { ...record, status: 'cancelled', error, updatedAt: at, finishedAt: at };
}
