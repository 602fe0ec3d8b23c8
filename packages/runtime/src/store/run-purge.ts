/**
 * What a retention purge may delete, and what it reports. Only finished runs (`succeeded`,
 * `failed`, `cancelled`) are ever selected: a queued, running or waiting run is never touched, nor
 * a finished sub-flow run whose parent is still active (the parent may still read it).
 */
export interface RunPurgeSelection {
  /** Only runs of these flows. */
  flowIds?: readonly string[];
  /** Runs of every flow except these (the flows that have a policy of their own). */
  exceptFlowIds?: readonly string[];
  /** `succeeded` runs finished before this instant (epoch ms) are deleted. */
  succeededBefore?: number;
  /** `failed` and `cancelled` runs finished before this instant (epoch ms) are deleted. */
  failedBefore?: number;
  /**
   * At most this many finished runs are kept per flow, newest first; older finished runs go.
   * Active runs are neither counted nor deleted.
   */
  keepPerFlow?: number;
  /**
   * At most this many runs per call (default {@link RUN_PURGE_BATCH}): a backlog is deleted in short
   * transactions so that the engine's writes are never held up for long. Call again while the
   * result's `runs` equals the limit.
   */
  limit?: number;
}

/** Rows one {@link RunPurgeSelection} call deleted. */
export interface RunPurgeResult {
  runs: number;
  journalEntries: number;
}

/** Options of `RunStore.purgeExpired`. */
export interface ExpiredPurgeOptions {
  /** Key/value rows and inbox notices that expired at or before this instant go. */
  now: number;
  /**
   * Callback markers older than this go: the notices already delivered (which make a supplier's
   * retry a duplicate) and the keys whose wait timed out (which make a later callback late).
   */
  callbackMarksBefore: number;
}

/** Rows `RunStore.purgeExpired` deleted. */
export interface ExpiredPurgeResult {
  /** Expired key/value rows (cache node, remembered webhook answers, create-sent markers). */
  kv: number;
  /** Inbox notices whose time to live passed. */
  inbox: number;
  /** Delivered-notice and timed-out-key markers older than `callbackMarksBefore`. */
  callbackMarks: number;
}

/** The store's size on disk around a `RunStore.compact` call, in bytes. */
export interface CompactResult {
  bytesBefore: number;
  bytesAfter: number;
}

/** Default runs per `purgeRuns` call. */
export const RUN_PURGE_BATCH = 1_000;
