import { JunctionError } from '../errors/junction-error.ts';

/** `JX_RUN_EXISTS`: a run id was reused. */
export function runExistsError(runId: string): JunctionError {
  return new JunctionError('JX_RUN_EXISTS', `Run ${runId} already exists; start the run with a new id.`, {
    runId,
  });
}

/** `JX_RUN_NOT_FOUND`: the run id is unknown to this store. */
export function runNotFoundError(runId: string): JunctionError {
  return new JunctionError(
    'JX_RUN_NOT_FOUND',
    `Run ${runId} does not exist in this store; check the run id (or the store the engine uses).`,
    { runId },
  );
}

/** `JX_WAIT_KEY_TAKEN`: another run already waits on the same callback key. */
export function waitKeyTakenError(channel: string, key: string, heldBy: string): JunctionError {
  return new JunctionError(
    'JX_WAIT_KEY_TAKEN',
    `Run ${heldBy} already waits for a callback on channel "${channel}" with this key; correlation keys must be unique per channel (e.g. use the order number).`,
    { channel, key, heldBy },
  );
}

/** `JX_STORE_CLOSED`: the store was used after `close()`. */
export function storeClosedError(): JunctionError {
  return new JunctionError(
    'JX_STORE_CLOSED',
    'The run store is closed; stop the engine before closing its store, or open a new store.',
  );
}

/** `JX_STORE_BAD_BUCKET`: a token bucket that can never grant the request. */
export function badBucketError(key: string, reason: string): JunctionError {
  return new JunctionError('JX_STORE_BAD_BUCKET', `Token bucket "${key}" is misconfigured: ${reason}.`, {
    key,
  });
}

/** `JX_STORE_WRITE_FAILED`: a batched write failed after the call that queued it returned. */
export function writeFailedError(cause: unknown): JunctionError {
  return new JunctionError(
    'JX_STORE_WRITE_FAILED',
    'A batched journal write failed; the store may be out of disk space or the database file is not writable.',
    { reason: cause instanceof Error ? cause.message : String(cause) },
    { cause },
  );
}

/**
 * `JX_STORE_UNAVAILABLE`: the database cannot be reached or is restarting. Nothing was decided: the
 * call may be retried once the database is back, and runs in memory are handed back to recovery
 * instead of failing. The driver's own text stays in `details.reason` (never in an HTTP answer).
 */
export function storeUnavailableError(cause: unknown): JunctionError {
  const reason = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]!.slice(0, 200);
  return new JunctionError(
    'JX_STORE_UNAVAILABLE',
    'The run store (database) cannot be reached right now; nothing was lost, retry shortly.',
    { reason },
    { cause },
  );
}

/** Whether an error (or the cause it wraps) is {@link storeUnavailableError}. */
export function isStoreUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === 'JX_STORE_UNAVAILABLE') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
