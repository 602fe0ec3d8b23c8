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
