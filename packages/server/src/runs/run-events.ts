import type { EngineEvent, RunRecord, RunResult } from '@junction/runtime';

// The engine events after which `RunHandle.done` settles (a run finished or suspended), and the status each one means.
const SETTLING_EVENTS: Partial<Record<EngineEvent['type'], RunResult['status']>> = {
  'run.completed': 'succeeded',
  'run.failed': 'failed',
  'run.cancelled': 'cancelled',
  'run.waiting': 'waiting',
};

/** The run's result once it has finished or suspended (like `RunHandle.done`); undefined while queued or running. */
export function settledResult(run: RunRecord): RunResult | undefined {
  if (run.status === 'queued' || run.status === 'running') return undefined;
  return {
    runId: run.id,
    status: run.status,
    ...(run.output !== undefined ? { output: run.output } : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}

/** The result an engine event settles `runId` with, or undefined when the event does not settle it. */
export function settledResultOfEvent(event: EngineEvent, runId: string): RunResult | undefined {
  if (!('run' in event) || event.run.id !== runId) return undefined;
  const status = SETTLING_EVENTS[event.type];
  return status && settledResult({ ...event.run, status });
}

/** Whether the event finishes or suspends its run (what `RunHandle.done` settles on). */
export function isSettlingEvent(event: EngineEvent): boolean {
  return Object.hasOwn(SETTLING_EVENTS, event.type);
}

/** The run an engine event belongs to. */
export function runIdOf(event: EngineEvent): string {
  if ('run' in event) return event.run.id;
  if (event.type === 'journal') return event.entry.runId;
  return event.runId;
}
