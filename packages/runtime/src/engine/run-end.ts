import type { ErrorInfo } from '../errors/junction-error.ts';
import type { Json } from '../flow/json.ts';
import type { JournalEntry, RunRecord } from '../store/run-records.ts';
import type { EngineEvent } from './engine-types.ts';

/** How a run in memory ends. */
export type RunEndStatus = 'succeeded' | 'failed' | 'cancelled';

/** The journal entry that ends a run: `run.completed` with the output, or `run.failed|cancelled`. */
export function runEndEntry(
  status: RunEndStatus,
  at: number,
  output: Json | undefined,
  error: ErrorInfo | undefined,
): Omit<JournalEntry, 'runId' | 'seq'> {
  if (status === 'succeeded') return { type: 'run.completed', at, data: output ?? null };
  const type = status === 'failed' ? 'run.failed' : 'run.cancelled';
  return error ? { type, at, error } : { type, at };
}

/** The event that reports a run's end to listeners. */
export function runEndEvent(status: RunEndStatus, run: RunRecord, error: ErrorInfo | undefined): EngineEvent {
  if (status === 'succeeded') return { type: 'run.completed', run };
  return status === 'failed' ? { type: 'run.failed', run, error: error! } : { type: 'run.cancelled', run };
}
