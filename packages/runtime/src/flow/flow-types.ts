import type { Json } from './json.ts';

/** A reference to one port of one node. */
export interface PortRef {
  node: string;
  port: string;
}

/** Retry policy of a node: attempts include the first one. */
export interface RetryPolicy {
  maxAttempts: number;
  backoff: 'fixed' | 'exponential';
  delayMs: number;
  /** Adds up to this fraction (0..1) of random delay, so retries of many runs spread out. */
  jitter?: number;
  /** Upper bound for exponential backoff. */
  maxDelayMs?: number;
}

/** A node's own expression limits: each lowers the server's (a higher value is ignored). */
export interface NodeExpressionLimits {
  /** Milliseconds of evaluation per expression. */
  timeoutMs?: number;
  /** Call depth. */
  maxDepth?: number;
  /** Length of any sequence or range. */
  maxSequence?: number;
}

/** What happens when a node fails after its retries. */
export type OnError = 'fail' | 'continue' | 'route';

/** One node placed on the canvas. `id` is stable and never the display name. */
export interface FlowNode {
  id: string;
  type: string;
  typeVersion: number;
  name?: string;
  position: { x: number; y: number };
  config: Record<string, Json>;
  /** Credential slot → credential id. Never a secret. */
  credentials?: Record<string, string>;
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** Stricter limits for this node's expressions; each only applies when lower than the server's. */
  expressionLimits?: NodeExpressionLimits;
  onError?: OnError;
  disabled?: boolean;
  notes?: string;
}

/** A connection from an output port to an input port. */
export interface FlowEdge {
  id: string;
  source: PortRef;
  target: PortRef;
}

/** Flow-wide settings. */
export interface FlowSettings {
  /** The whole run fails with `JX_RUN_TIMEOUT` after this long (waits excluded). */
  runTimeoutMs?: number;
  /** At most this many nodes of one run execute at the same time. */
  concurrency?: number;
  /** Values bound to `$vars` in expressions. */
  variables?: Record<string, Json>;
  /** Output size cap per node in bytes (default 1 MiB). */
  maxOutputBytes?: number;
}

/** The flow document, version 1: what the editor saves and the runtime executes. */
export interface FlowDocument {
  schemaVersion: 1;
  id: string;
  name: string;
  description?: string;
  nodes: FlowNode[];
  edges: FlowEdge[];
  settings?: FlowSettings;
  /** Editor-only data (sticky notes, viewport…); the runtime ignores it. */
  annotations?: Record<string, Json>;
}
