import type { ErrorInfo, FlowDocument, Json, StartRunOptions } from '@junction/runtime';

/** Work an API process hands to the workers through the BullMQ queue. */
export type RunJob =
  | { kind: 'start'; flow: FlowDocument; options: StartRunOptions & { runId: string } }
  | { kind: 'resume'; channel: string; key: string; payload: Json }
  | { kind: 'cancel'; runId: string; reason?: string };

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
