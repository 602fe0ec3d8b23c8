import type { ErrorInfo, Json } from '@junction/runtime';

/**
 * Work an API process hands to the workers through the BullMQ queue. The queue only makes it
 * fast: the API records everything in the store first (a queued run, a claimed callback), and every
 * worker's recovery scan finds that work too, so a job lost with Redis delays it by one lease at most.
 */
export type RunJob =
  /** Continue a run recorded in the store: start it when queued, apply its pending resumes. */
  { kind: 'wake'; runId: string } | { kind: 'cancel'; runId: string; reason?: string };

/** What a job returns: jobs never fail in BullMQ's sense, so coded errors reach the API intact. */
export type RunJobResult = { ok: true; value?: Json } | { ok: false; error: ErrorInfo };

/** Messages every process hears (Redis pub/sub), besides engine events. */
export type ClusterSignal =
  /** Deployments changed: rebuild the webhook, callback and schedule indexes. */
  | { type: 'deployments'; from: string }
  /** Cancel a run that is executing in some worker's memory. */
  | { type: 'cancel'; from: string; runId: string; reason?: string };

/** Redis names of one Junction cluster; `prefix` separates clusters (and tests) on one Redis. */
export interface ClusterNames {
  /** BullMQ key prefix. */
  prefix: string;
  /** BullMQ queue name. */
  queue: string;
  /** Pub/sub channel of engine events. */
  events: string;
  /** Pub/sub channel of {@link ClusterSignal}s. */
  signals: string;
}

/** The Redis names for a prefix (default `junction`). */
export function clusterNames(prefix = 'junction'): ClusterNames {
  return { prefix, queue: 'runs', events: `${prefix}:events`, signals: `${prefix}:signals` };
}
