import { type ErrorInfo, JunctionError } from '../errors/junction-error.ts';

/** Any unexpected error as an {@link ErrorInfo}; errors without a Junction code get `JX_ENGINE_INTERNAL`. */
export function internalError(error: unknown): ErrorInfo {
  if (error instanceof JunctionError) return error.toJSON();
  return {
    code: 'JX_ENGINE_INTERNAL',
    message: error instanceof Error ? error.message : String(error),
  };
}

/** `JX_RUN_TIMEOUT`: the run exceeded `settings.runTimeoutMs`. */
export function runTimeoutError(runId: string, runTimeoutMs: number): ErrorInfo {
  return new JunctionError(
    'JX_RUN_TIMEOUT',
    `Run ${runId} did not finish within ${runTimeoutMs} ms; raise settings.runTimeoutMs or make the flow faster.`,
    { runId, runTimeoutMs },
  ).toJSON();
}

/** `JX_RUN_STUCK`: nothing runs, nothing waits, yet some nodes never became ready. */
export function runStuckError(runId: string): ErrorInfo {
  return new JunctionError(
    'JX_RUN_STUCK',
    `Run ${runId} cannot make progress: some nodes never became ready (is there a cycle? run validateFlow).`,
    { runId },
  ).toJSON();
}

/** `JX_RUN_CANCELLED`: the run was cancelled (by a user, or because its parent was). */
export function runCancelledError(runId: string, reason: string | undefined): JunctionError {
  return new JunctionError('JX_RUN_CANCELLED', reason ? `Run cancelled: ${reason}` : 'Run cancelled.', {
    runId,
  });
}

/**
 * `JX_RUN_HANDED_OVER`: the run left this process without an outcome — its lease was lost or the
 * store became unreachable — and continues from its journal wherever recovery picks it up next.
 */
export function runHandedOverError(runId: string, why: 'lease-lost' | 'store-unavailable'): JunctionError {
  const reason =
    why === 'lease-lost'
      ? 'this process could not renew its lease in time'
      : 'the run store could not be reached';
  return new JunctionError(
    'JX_RUN_HANDED_OVER',
    `Run ${runId} was handed back to recovery because ${reason}; it continues from its journal, nothing is lost or done twice.`,
    { runId, why },
  );
}
