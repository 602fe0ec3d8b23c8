import type { ErrorInfo } from '../errors/junction-error.ts';
import type { Json } from '../flow/json.ts';

/** Lifecycle of a run. `waiting` = suspended on a callback or timer, nothing in memory. */
export type RunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';

/** A run as stored. */
export interface RunRecord {
  id: string;
  flowId: string;
  /** Deployed version the run executes; null for ad-hoc and test runs. */
  flowVersion: number | null;
  /** Content hash of the flow document, see `RunStore.putFlowSnapshot`. */
  flowHash: string;
  status: RunStatus;
  /** Trigger payload. */
  input: Json;
  /** Final output (of the last nodes) when succeeded. */
  output?: Json;
  error?: ErrorInfo;
  /** Parent run for sub-flow runs. */
  parentRunId?: string;
  test: boolean;
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
  /** Free-form labels (e.g. `canary: true`, routing key), never secrets. */
  tags?: Record<string, Json>;
}

/** Kinds of journal entries. */
export type JournalEntryType =
  | 'run.started'
  | 'node.started'
  | 'node.completed'
  | 'node.failed'
  | 'node.retrying'
  | 'node.skipped'
  | 'node.waiting'
  | 'node.resumed'
  /**
   * A callback reached a wait whose condition (`accept`) said no: verified, acknowledged and kept
   * here (`data`: channel, key, payload), the node still waits with the same key and deadline.
   */
  | 'node.noted'
  /** A `flow.respond` answer (`data`: status, headers, body), journaled before it is sent. */
  | 'run.response'
  | 'run.completed'
  | 'run.failed'
  | 'run.cancelled'
  /**
   * A failed run was reopened for a retry (`data`: `{retry, error}` — which retry, and the error it
   * had failed with). Replay forgets the failure before it: completed nodes stay completed, the
   * node that failed runs again with the same idempotency key.
   */
  | 'run.retried';

/** One step of a run, append-only. After a crash the run is rebuilt from these. */
export interface JournalEntry {
  runId: string;
  /** Monotonic per run, starting at 1. */
  seq: number;
  type: JournalEntryType;
  nodeId?: string;
  at: number;
  attempt?: number;
  /** Node input (started) — resolved config is not journaled when it could hold secrets. */
  input?: Json;
  /** Outputs by port (completed). */
  output?: Record<string, Json>;
  error?: ErrorInfo;
  /** Wait or sleep details (waiting), resume reason (resumed). */
  data?: Json;
  durationMs?: number;
}

/** A run suspended on (channel, key). */
export interface WaitRecord {
  runId: string;
  nodeId: string;
  channel: string;
  key: string;
  deadline?: number;
  createdAt: number;
}

/**
 * A resume the store has claimed for a waiting node but the engine has not yet journaled
 * (`node.resumed`). `deliver` (callback) and `expireWait` (deadline) create it in the same transaction
 * that claims the wait, so a process dying before the journal write loses nothing: whoever loads the
 * run next (the lease holder, recovery, another worker once the lease expired) replays it.
 * The engine deletes it once `node.resumed` is durable. One per (runId, nodeId).
 */
export interface PendingResume {
  runId: string;
  nodeId: string;
  reason: 'callback' | 'timeout';
  channel: string;
  key: string;
  /** The callback body (`callback` only). */
  payload?: Json;
  /** The callback's headers and query (`callback` only, when the ingress gave them). */
  context?: CallbackContext;
  createdAt: number;
}

/**
 * What a callback carried besides its body: its headers (names lower-case) and query parameters,
 * first value of each. A wait's condition reads them as `$headers` and `$query`. Not part of the
 * notice's identity: a supplier's retry (same body) with a new timestamp header is still a duplicate.
 */
export type CallbackContext = {
  headers: Record<string, string>;
  query: Record<string, string>;
  /**
   * The id of the credential that verified the callback (after the environment's binding). A wait
   * whose node's credentials do not include it is not resumed by it (`RunExecutor.admit`).
   */
  verifiedBy?: string;
};

/** Outcome of delivering a callback payload. */
export type DeliveryOutcome =
  /** A waiting run was found and claimed, and a {@link PendingResume} stored; the caller resumes it. */
  | { outcome: 'matched'; wait: WaitRecord }
  /** No run waits yet; the payload is kept in the inbox until a run waits or the TTL passes. */
  | { outcome: 'early' }
  /** The key was already delivered (or is in the inbox); recorded, resumes nothing. */
  | { outcome: 'duplicate' }
  /** The wait for this key timed out before the callback came; recorded, resumes nothing. */
  | { outcome: 'late' };

/** A run's execution lease: who holds it, and until when (epoch ms). */
export interface RunLease {
  owner: string;
  until: number;
}

/** Outcome of registering a wait. */
export type RegisterWaitOutcome =
  | { status: 'waiting' }
  /**
   * A callback had arrived early: it is consumed now and the node resumes at once. The consumed
   * payload is kept as a {@link PendingResume} created at the wait's `createdAt`, in the same
   * transaction, so a process that dies before journaling the resume loses nothing.
   */
  | { status: 'early'; payload: Json; context?: CallbackContext };

/** A durable timer (wait deadline or sleep). */
export interface TimerRecord {
  id: string;
  runId: string;
  nodeId: string;
  kind: 'deadline' | 'sleep';
  dueAt: number;
}

/** Filters for listing runs. */
export interface RunFilter {
  flowId?: string;
  flowVersion?: number;
  status?: RunStatus | RunStatus[];
  since?: number;
  until?: number;
  test?: boolean;
  parentRunId?: string;
  /** Runs whose `tags.environment` is this (the server records every run's environment there). */
  environment?: string;
  limit?: number;
  /** Runs created before this id's createdAt (pagination, newest first). */
  before?: string;
}
