import type { FlowDocument } from '../flow/flow-types.ts';
import type { Json } from '../flow/json.ts';
import type {
  CompactResult,
  ExpiredPurgeOptions,
  ExpiredPurgeResult,
  RunPurgeResult,
  RunPurgeSelection,
} from './run-purge.ts';
import type {
  CallbackContext,
  DeliveryOutcome,
  JournalEntry,
  PendingResume,
  RegisterWaitOutcome,
  RunFilter,
  RunLease,
  RunRecord,
  TimerRecord,
  WaitRecord,
} from './run-records.ts';

/**
 * Persistence contract of the engine: runs, journal, waits, inbox, timers, leases, key/value.
 * Implementations: in-memory (tests), SQLite (embedded default), PostgreSQL (scale-out).
 * Every method is atomic on its own; the comments say which races each one settles.
 * One conformance suite (`store-conformance.ts`) runs against every implementation.
 */
export interface RunStore {
  /** Stores a flow document under its content hash (idempotent); runs refer to it by hash. */
  putFlowSnapshot(hash: string, document: FlowDocument): Promise<void>;
  getFlowSnapshot(hash: string): Promise<FlowDocument | undefined>;

  /**
   * Creates a run; fails with `JX_RUN_EXISTS` when the id is taken. With `lease`, the run's lease is
   * written in the same transaction: a run is never visible without it, so no other process's
   * orphan recovery can take a run that is still being started.
   */
  createRun(run: RunRecord, lease?: RunLease): Promise<void>;
  getRun(id: string): Promise<RunRecord | undefined>;
  /** Newest first. */
  listRuns(filter?: RunFilter): Promise<RunRecord[]>;
  updateRun(id: string, patch: Partial<Omit<RunRecord, 'id' | 'createdAt'>>): Promise<void>;
  /**
   * Retry: reopens a `failed` run, atomically — only while it is still failed, sets it `queued`
   * (error and finish time cleared, `tags` replaced when given), drops its lease (a finished run
   * keeps the one it ended with) and appends `entry` to its journal after the last entry. Returns
   * the entry's seq, or undefined when the run is missing or not failed (so of two concurrent
   * retries one reopens the run). Optional: SQLite, PostgreSQL and the memory store have it.
   */
  reopenRun?(runId: string, entry: RunReopenEntry, patch: RunReopenPatch): Promise<number | undefined>;
  /** Counts runs per status (for metrics), optionally for one flow. */
  countRuns(filter?: Omit<RunFilter, 'limit' | 'before'>): Promise<Record<string, number>>;

  /** Appends entries in order; implementations may batch writes but must keep order per run. */
  appendJournal(entries: JournalEntry[]): Promise<void>;
  readJournal(runId: string): Promise<JournalEntry[]>;
  /**
   * Optional, for stores shared by several processes: drops a run's appended entries that are not
   * written yet, because this process lost the run's lease. The new holder re-runs those steps;
   * late rows from the old holder would collide with its own.
   */
  discardQueuedJournal?(runId: string): void;

  /**
   * Registers a wait. If the inbox holds a payload for (channel, key) it is consumed in the same
   * transaction and returned (`early`) instead of creating the wait; the consumed payload is stored
   * as a `callback` {@link PendingResume} (created at `wait.createdAt`) in that transaction, exactly
   * as `deliver` stores one when it claims a wait, and deleted by the engine once journaled.
   * The inbox may hold several notices for the key (say `processing`, then `success`): the oldest
   * unexpired one is consumed. Notices already seen on the key are not forgotten by a new wait: a
   * supplier's retry of one of them stays a duplicate (see `deliver`).
   * Fails with `JX_WAIT_KEY_TAKEN` when another run already waits on (channel, key).
   * A pending resume left for the same node by an earlier, already journaled wait is dropped.
   */
  registerWait(wait: WaitRecord): Promise<RegisterWaitOutcome>;
  /**
   * Delivers a callback payload, atomically: claims and deletes the matching wait and stores a
   * {@link PendingResume} holding the payload (`matched`),
   * or keeps the payload in the inbox for `inboxTtlMs` (`early`), or reports `late` when its wait
   * timed out. A notice is identified by its body (`noticeDigest`): the same body on the same key,
   * already delivered or still in the inbox, is a `duplicate` (a supplier's retry) and resumes
   * nothing, whichever wait of whichever run is on the key now. A different body is a new notice.
   * `context` (headers and query) is kept with the payload, in the inbox and the pending resume.
   */
  deliver(
    channel: string,
    key: string,
    payload: Json,
    inboxTtlMs: number,
    now: number,
    context?: CallbackContext,
  ): Promise<DeliveryOutcome>;
  /**
   * At a deadline: claims and deletes the wait, stores a `timeout` {@link PendingResume} (created at
   * `now`, default the wall clock) and marks the key timed out, so a later callback is `late`.
   * Returns false when a callback claimed the wait first (the callback wins).
   */
  expireWait(runId: string, nodeId: string, now?: number): Promise<boolean>;
  /**
   * Resumes claimed but not yet journaled (see {@link PendingResume}), oldest first; all runs or one.
   * Recovery replays them; the engine deletes each once its `node.resumed` entry is durable.
   */
  listPendingResumes(filter?: { runId?: string; limit?: number }): Promise<PendingResume[]>;
  /**
   * Deletes a node's pending resume. With `createdAt`, only the resume created at that instant: the
   * node may already have waited again and been claimed by a newer callback, which must stay.
   */
  deletePendingResume(runId: string, nodeId: string, createdAt?: number): Promise<void>;
  /** Waits of a run (normally zero or one per waiting node). */
  listWaits(runId: string): Promise<WaitRecord[]>;
  /** The wait on (channel, key), if a run waits there now (read only; nothing is claimed). */
  findWait(channel: string, key: string): Promise<WaitRecord | undefined>;
  /** Removes a run's waits, timers and pending resumes (cancellation). */
  clearRunWaits(runId: string): Promise<void>;
  countWaits(): Promise<number>;
  /** Drops inbox payloads whose TTL passed; returns how many. */
  purgeInbox(now: number): Promise<number>;

  /** Adds (or replaces, by id) a timer. */
  putTimer(timer: TimerRecord): Promise<void>;
  /**
   * Claims up to `limit` timers due at `now` that nobody else holds, for `leaseMs`.
   * A claimed timer is invisible to other claimers until its lease passes; delete it once handled.
   */
  claimDueTimers(now: number, limit: number, leaseMs: number): Promise<TimerRecord[]>;
  /**
   * Deletes a timer. With `claimedDueAt` (the handler of a claimed timer), only that claim is
   * deleted: the timer must still be claimed and due at that moment. A timer put again since it was
   * claimed (`putTimer` clears the claim) is a new timer — a node resumed by its timer that
   * suspended again under the same id — and stays.
   */
  deleteTimer(id: string, claimedDueAt?: number): Promise<void>;
  /**
   * Clears every timer claim, expired or not, so each claimed timer is offered again once due;
   * returns how many. Claims record no owner: only for a process that owns the store alone
   * (embedded start-up, before its timer loop runs), where every claim is a dead predecessor's —
   * a timer it was firing when it died would otherwise stay hidden until its claim's lease passes.
   * Never call it with live workers sharing the store (a timer they are firing would fire twice).
   */
  releaseTimerClaims(): Promise<number>;
  /** Earliest due time of any timer, to sleep until then. */
  nextTimerDue(): Promise<number | undefined>;

  /**
   * Takes or renews the execution lease on a run for `owner` until `now + leaseMs`.
   * Returns false when another owner holds an unexpired lease.
   */
  acquireLease(runId: string, owner: string, now: number, leaseMs: number): Promise<boolean>;
  releaseLease(runId: string, owner: string): Promise<void>;
  /**
   * Deletes every run lease held by an owner other than `owner`, expired or not; returns how many.
   * Only for a process that owns the store alone (embedded start-up): every other owner is a dead
   * predecessor, and the leases it left — on runs that are suspended too — would otherwise delay
   * their callbacks and timers until they expire. Never call it with live workers sharing the store.
   */
  releaseForeignLeases(owner: string): Promise<number>;
  /** Runs in `queued`/`running` whose lease is missing or expired at `now`: to be recovered. */
  listOrphanRuns(now: number, limit: number): Promise<RunRecord[]>;
  /**
   * Runs that break the waiting invariant: `waiting`, no live lease at `now`, and nothing that can
   * wake them — no wait, no timer, no pending resume. Oldest update first. The engine repairs them
   * (`Engine.repairStranded`); a correct engine leaves none, so any row here is a defect's trace.
   */
  listStrandedRuns(now: number, limit: number): Promise<RunRecord[]>;

  /** Durable key/value with optional expiry (cache node, rate limits). */
  kvGet(namespace: string, key: string, now: number): Promise<Json | undefined>;
  kvSet(namespace: string, key: string, value: Json, expiresAt: number | undefined): Promise<void>;
  kvDelete(namespace: string, key: string): Promise<void>;
  /** Atomic token bucket take (see `NodeKeyValue.takeToken`). */
  takeToken(
    key: string,
    bucket: { capacity: number; refillPerSecond: number; cost: number },
    now: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number }>;

  /**
   * Retention (SQLite and PostgreSQL; optional for other stores): deletes up to `selection.limit`
   * finished runs the selection names, with their journal, leases and any leftover waits, timers
   * and pending resumes, in one transaction. Never a queued, running or waiting run.
   */
  purgeRuns?(selection: RunPurgeSelection): Promise<RunPurgeResult>;
  /** Retention: deletes expired key/value rows and inbox notices, and old callback markers. */
  purgeExpired?(options: ExpiredPurgeOptions): Promise<ExpiredPurgeResult>;
  /**
   * Retention: gives space freed by purges back (SQLite: incremental vacuum, the first time a
   * VACUUM that switches the file to it, and a WAL checkpoint; PostgreSQL: VACUUM, which makes the
   * space reusable) and reports the size on disk before and after.
   */
  compact?(): Promise<CompactResult>;

  /** Waits until every batched write is durable. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** The journal entry {@link RunStore.reopenRun} appends (its seq is the store's to choose). */
export type RunReopenEntry = Omit<JournalEntry, 'runId' | 'seq'>;

/** What {@link RunStore.reopenRun} changes on the run besides status, error and finish time. */
export interface RunReopenPatch {
  updatedAt: number;
  tags?: Record<string, Json>;
}

/** The retention methods, which the SQLite and PostgreSQL stores always have. */
export type RunStoreRetention = Required<Pick<RunStore, 'purgeRuns' | 'purgeExpired' | 'compact'>>;
