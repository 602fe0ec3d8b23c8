import type { ErrorInfo } from '../errors/junction-error.ts';
import type { ExpressionBounds } from '../expression/compile-expression.ts';
import type { FlowDocument } from '../flow/flow-types.ts';
import type { Json } from '../flow/json.ts';
import type { ResolvedCredential, WebhookResponse } from '../node/node-context.ts';
import type { NodeOutputs } from '../node/node-result.ts';
import type { NodeRegistry } from '../node/registry.ts';
import type { ValueSealer } from '../sealing/value-sealer.ts';
import type { CallbackContext, DeliveryOutcome, JournalEntry, RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';

/** Resolves credential ids to decrypted credentials (the server implements it). */
export interface CredentialResolver {
  resolve(id: string): Promise<ResolvedCredential | undefined>;
}

/**
 * Every string that reveals a credential's secrets: its secret values and the derived forms its
 * kind puts on the wire (Basic's base64 of `user:pass`…). Supplied by whoever knows the kinds
 * (`secretVariants` from `@junction/nodes`); the engine adds URL-encoded forms itself.
 */
export type SecretVariants = (credential: ResolvedCredential) => readonly string[];

/** Resolves stored flows for `flow.call` / `flow.forEach` sub-flows (the server implements it). */
export interface FlowResolver {
  /**
   * The deployed (or given) version of a flow. `context.parentRunId` names the run that calls it, so
   * the host can resolve the child as that run's environment would (credentials, variables).
   */
  resolve(
    flowId: string,
    version?: number,
    context?: { parentRunId: string },
  ): Promise<{ document: FlowDocument; version: number | null } | undefined>;
}

/** Options of {@link Engine}. */
export interface EngineOptions {
  store: RunStore;
  registry: NodeRegistry;
  credentials?: CredentialResolver;
  flows?: FlowResolver;
  /** Identifies this process for run leases (default: random). */
  owner?: string;
  /** Lease length; another worker may take over a run after this long without renewal. Default 30 s. */
  leaseMs?: number;
  /** Default per-node output cap in bytes (1 MiB). */
  maxOutputBytes?: number;
  /**
   * Expression limits of this engine's runs (the server's `--expression-timeout-ms` and friends);
   * unset ones are the process-wide limits (`getExpressionLimits`). A node may lower them
   * (`FlowNode.expressionLimits`), never raise them.
   */
  expressionLimits?: Partial<ExpressionBounds>;
  /** Default per-run concurrency (nodes executing at once). Default 8. */
  concurrency?: number;
  /** How long an early callback waits in the inbox for its run. Default 24 h. */
  inboxTtlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /**
   * Waits `ms` of this engine's time, or rejects with `signal.reason` when it aborts first: the
   * pause between a node's retries. Default: real time. Flow tests pass a virtual clock's, so retry
   * backoff elapses instantly and in order with the store's timers (which follow `now`).
   */
  delay?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** How often the timer loop polls the store for timers added by other processes. Default 1 000 ms. */
  timerPollMs?: number;
  /**
   * When a node's completion becomes durable. `step` (default): before any node downstream of it
   * starts, so a completed side effect is never repeated after a crash. `run`: journal writes are
   * only awaited when the run suspends or finishes (fastest; after a crash, nodes completed in the
   * last moments may run again, with the same idempotency key).
   */
  durability?: 'step' | 'run';
  /**
   * Every string that reveals a credential's secrets, derived forms included (Basic's base64 of
   * `user:pass`): pass `secretVariants` from `@junction/nodes`. The engine replaces each with
   * `[redacted]` in the outputs, errors and log lines of the nodes using that credential, before
   * anything is journaled or emitted — a remote server echoing an Authorization header back cannot
   * put it in a journal. Without it, every string field of a used credential is masked (over-masks
   * user names and URLs, never leaks).
   */
  secretVariants?: SecretVariants;
  /**
   * Seals sensitive output values at rest (node types' `sensitiveOutputs`): the server passes one
   * built on its credential vault's master key. Without it, values are stored as they are.
   */
  sealer?: ValueSealer;
  /** Receives node log lines (the server forwards them to pino, secrets already redacted). */
  logger?: (line: { runId: string; nodeId: string; level: string; message: string; fields?: Json }) => void;
}

/** Options to start a run. */
export interface StartRunOptions {
  input?: Json;
  /** Defaults to a new unique id. Starting an id that exists fails with `JX_RUN_EXISTS`. */
  runId?: string;
  flowVersion?: number | null;
  /** The trigger node to start from when the flow has several. */
  triggerNodeId?: string;
  /** Test runs: outputs used instead of running these nodes. */
  pinned?: Record<string, NodeOutputs>;
  /** Test runs: stop after this node (nodes not upstream of it are skipped). */
  stopAfter?: string;
  test?: boolean;
  parentRunId?: string;
  tags?: Record<string, Json>;
}

/** Final state of a run. */
export interface RunResult {
  runId: string;
  status: 'succeeded' | 'failed' | 'cancelled' | 'waiting';
  output?: Json;
  error?: ErrorInfo;
}

/** A started run. `id` is durable as soon as `start` resolves. */
export interface RunHandle {
  id: string;
  /** Settles when the run finishes or suspends (status `waiting`). */
  done: Promise<RunResult>;
}

/** Typed lifecycle events for observers (server metrics, SSE, CLI progress). */
export type EngineEvent =
  | { type: 'run.started'; run: RunRecord }
  | { type: 'run.completed'; run: RunRecord }
  | { type: 'run.failed'; run: RunRecord; error: ErrorInfo }
  | { type: 'run.cancelled'; run: RunRecord }
  | { type: 'run.waiting'; run: RunRecord }
  /**
   * A suspended run (status `waiting`) is back in memory because a callback, deadline or timer
   * resumed one of its nodes; `run.status` is `running`. Follows the `run.waiting` that suspended it
   * (emitted by the process that loads it); a node resumed while its run is still in memory emits
   * `node.resumed` only.
   */
  | { type: 'run.resumed'; run: RunRecord }
  | { type: 'run.response'; runId: string; response: WebhookResponse }
  | { type: 'node.started'; runId: string; nodeId: string; nodeType: string; attempt: number; input: Json }
  | {
      type: 'node.completed';
      runId: string;
      nodeId: string;
      nodeType: string;
      output: NodeOutputs;
      durationMs: number;
    }
  | {
      type: 'node.failed';
      runId: string;
      nodeId: string;
      nodeType: string;
      error: ErrorInfo;
      durationMs: number;
      willRetry: boolean;
    }
  | { type: 'node.skipped'; runId: string; nodeId: string }
  | { type: 'node.waiting'; runId: string; nodeId: string; channel?: string; key?: string; until?: number }
  | { type: 'node.resumed'; runId: string; nodeId: string; reason: string }
  | { type: 'journal'; entry: JournalEntry };

/** What {@link Engine.repairStranded} found and did, by run id. */
export interface StrandedRepair {
  /** Runs found waiting with nothing to wake them. */
  found: string[];
  /** Continued from their journal: waits and timers registered again, or the run went on. */
  repaired: string[];
  /** Held by a live process meanwhile (its holder continues it); looked at again next time. */
  skipped: string[];
}

/** The engine's public surface. */
export interface Engine {
  /** Starts a run of `flow`. Resolves once the run is durably recorded. */
  start(flow: FlowDocument, options?: StartRunOptions): Promise<RunHandle>;
  /**
   * Delivers a callback payload; resumes the waiting run when matched. `context` (the callback's
   * headers and query) is kept with it for the wait's condition (`$headers`, `$query`).
   */
  resume(channel: string, key: string, payload: Json, context?: CallbackContext): Promise<DeliveryOutcome>;
  /** Cancels a run: aborts running nodes, removes waits and timers. */
  cancel(runId: string, reason?: string): Promise<void>;
  /**
   * Continues runs left unfinished by a crashed process; returns how many were picked up.
   * Without `force` (several workers) it takes only runs whose lease expired. `force` is for a
   * process that owns the store alone (embedded start-up): it first releases every lease held by
   * another owner (`RunStore.releaseForeignLeases`), suspended runs' included, so their callbacks and
   * timers are handled at once, and — when called before `startBackground`, as at start-up — every
   * timer claim (`RunStore.releaseTimerClaims`), so a timer the predecessor was firing when it died
   * fires again once the timer loop starts; then it takes every queued or running run.
   */
  recover(options?: { force?: boolean }): Promise<number>;
  /**
   * Continues a run another process recorded: starts a run `queueRun` left `queued`, and applies the
   * pending resumes a callback or deadline left (`RunStore.deliver`). A run held by another live
   * process is left to it. Recovery does the same for every such run, later; this is the fast path.
   */
  wake(runId: string): Promise<void>;
  /**
   * Repairs runs that break the waiting invariant (`RunStore.listStrandedRuns`: `waiting` with
   * nothing that can wake them): each is loaded from its journal and its waits and timers are put
   * back (a callback still in the inbox resumes it); a run that cannot be continued is failed with
   * its code. `recover()` calls it too. Returns what it found and did.
   */
  repairStranded(): Promise<StrandedRepair>;
  /** Starts the timer loop, lease renewal and orphan recovery. */
  startBackground(): void;
  /** Stops background loops and waits for in-flight work to settle or suspend. */
  stop(): Promise<void>;
  on(listener: (event: EngineEvent) => void): () => void;
}
