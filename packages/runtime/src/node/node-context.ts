import type { ErrorInfo } from '../errors/junction-error.ts';
import type { FlowDocument } from '../flow/flow-types.ts';
import type { Json, JsonObject } from '../flow/json.ts';
import type { ResumeReason, Suspension } from './node-result.ts';

/** A credential resolved for one node run. `data` holds secrets: never log it or put it in an output. */
export interface ResolvedCredential {
  id: string;
  kind: string;
  /** Secret and non-secret fields of the credential, decrypted. */
  data: Record<string, Json>;
  /** Hosts the credential may be sent to (`api.example.com`, `*.example.com`); empty = any. */
  allowedHosts: string[];
}

/** Structured logger handed to nodes; lines are attached to the run journal. */
export interface NodeLogger {
  debug(message: string, fields?: JsonObject): void;
  info(message: string, fields?: JsonObject): void;
  warn(message: string, fields?: JsonObject): void;
  error(message: string, fields?: JsonObject): void;
}

/** Facts about the run a node executes in (bound to `$run` in expressions). */
export interface RunInfo {
  id: string;
  flowId: string;
  flowVersion: number | null;
  startedAt: number;
  /** True for editor test runs. */
  test: boolean;
}

/** A webhook response produced by a `flow.respond` node (or by the run finishing). */
export interface WebhookResponse {
  status: number;
  headers?: Record<string, string>;
  body: Json;
}

/** Result of a sub-flow run started from a node (`flow.call`, `flow.forEach`). */
export interface SubflowResult {
  runId: string;
  status: 'succeeded' | 'failed' | 'cancelled';
  output: Json;
  error?: ErrorInfo;
}

/** Where a sub-flow comes from: a stored flow by id (its deployed version), or an inline document. */
export type SubflowRef = { flowId: string; version?: number } | { document: FlowDocument };

/** Small durable key/value space backed by the run store (survives restarts). */
export interface NodeKeyValue {
  get(key: string): Promise<Json | undefined>;
  set(key: string, value: Json, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Token bucket: takes `cost` tokens if available. `retryAfterMs` says when enough will be. */
  takeToken(
    key: string,
    bucket: { capacity: number; refillPerSecond: number; cost?: number },
  ): Promise<{
    allowed: boolean;
    retryAfterMs: number;
  }>;
}

/**
 * Everything a node's `run` may use. Explicit, no `this`, no globals.
 * `config` has its `=` expressions already resolved (except `rawConfigKeys`).
 */
export interface NodeContext<Config extends JsonObject = JsonObject> {
  /** The value on the `in` port (or the trigger payload for trigger nodes); `null` when none. */
  input: Json;
  /** Values by input port, for nodes with several inputs. Dead ports are absent. */
  inputs: Record<string, Json>;
  config: Config;
  /** Credentials by slot name. */
  credentials: Record<string, ResolvedCredential>;
  /** Aborted on timeout, cancellation and shutdown. */
  signal: AbortSignal;
  log: NodeLogger;
  /**
   * Stable for this node in this run: the same across retries and after a crash, so a side effect
   * keyed by it (e.g. a supplier order number) happens at most once.
   */
  idempotencyKey: string;
  /** 1 for the first attempt. */
  attempt: number;
  run: RunInfo;
  node: { id: string; type: string; name?: string };
  /** Set when a suspended node runs again. */
  resumed?: ResumeReason;
  /** The `state` the node saved when it suspended. */
  state?: Json;
  /** Evaluates a JSONata expression (with or without the leading `=`) with the usual bindings. */
  evaluate(expression: string, document?: Json, bindings?: Record<string, Json>): Promise<Json>;
  /** Suspends until a callback for (channel, key) or the deadline. */
  wait(wait: {
    channel: string;
    key: string;
    timeoutMs?: number;
    /** Keep this deadline (epoch ms) instead of counting `timeoutMs` from now. */
    deadline?: number;
    /** See `WaitSuspension.accept`. */
    accept?: string;
    state?: Json;
  }): Suspension;
  /** Suspends until a time (durable: the timer lives in the store). */
  sleep(untilEpochMs: number, state?: Json): Suspension;
  /** Sends the webhook response now (respond-from-node mode). */
  respond(response: WebhookResponse): void;
  /** Runs a sub-flow to completion. The same `key` always maps to the same child run (crash-safe). */
  subflow(
    ref: SubflowRef,
    input: Json,
    options: { key: string; signal?: AbortSignal },
  ): Promise<SubflowResult>;
  /** Durable key/value space for cache and rate-limit nodes. */
  kv: NodeKeyValue;
  /** Current time in epoch ms (the engine's clock; tests may fake it). */
  now(): number;
}
