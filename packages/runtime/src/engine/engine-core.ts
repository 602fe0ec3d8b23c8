import { randomUUID } from 'node:crypto';
import {
  type ExpressionBounds,
  type ExpressionLimits,
  getExpressionLimits,
} from '../expression/compile-expression.ts';
import type { Json } from '../flow/json.ts';
import type { SubflowRef, SubflowResult } from '../node/node-context.ts';
import type { NodeRegistry } from '../node/registry.ts';
import type { RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { abortableDelay } from './abortable.ts';
import type { CredentialResolver, EngineEvent, EngineOptions } from './engine-types.ts';
import { DEFAULT_MAX_OUTPUT_BYTES } from './output-cap.ts';
import type { SubflowParent } from './run-subflow.ts';

/** Engine options with defaults applied. */
export interface ResolvedEngineOptions {
  store: RunStore;
  registry: NodeRegistry;
  credentials: CredentialResolver | undefined;
  owner: string;
  leaseMs: number;
  maxOutputBytes: number;
  /** The engine's expression limits: its own settings over the process-wide limits of the moment. */
  expressionBounds: () => Readonly<ExpressionBounds>;
  concurrency: number;
  inboxTtlMs: number;
  timerPollMs: number;
  durability: 'step' | 'run';
  now: () => number;
  delay: (ms: number, signal: AbortSignal) => Promise<void>;
  logger: EngineOptions['logger'];
  secretVariants: EngineOptions['secretVariants'];
  sealer: EngineOptions['sealer'];
}

/**
 * What a running run needs from its engine. Runs see this narrow interface, not the engine itself,
 * so the executor can be tested and reasoned about on its own.
 */
export interface EngineCore {
  readonly options: ResolvedEngineOptions;
  /** True when someone listens; events are only built then. */
  readonly observed: boolean;
  emit(event: EngineEvent): void;
  /** Runs a child flow for a node (see `ctx.subflow`). */
  runSubflow(parent: SubflowParent, ref: SubflowRef, input: Json, key: string): Promise<SubflowResult>;
  /** A store timer was added: the timer loop may need to wake sooner. */
  timerAdded(dueAt: number): void;
  /** The run left memory (finished or suspended). */
  runLeft(runId: string): void;
  /**
   * For a finishing sub-flow run whose parent does not wait for it in this process's memory: the
   * write that resumes the parent through the store. Called after the run's terminal journal entry is
   * durable and before its record is updated, so a crash in between is recovered from the journal.
   */
  parentNotice(record: RunRecord): (() => Promise<void>) | undefined;
}

/** Applies the documented defaults to engine options. */
export function resolveOptions(options: EngineOptions): ResolvedEngineOptions {
  return {
    store: options.store,
    registry: options.registry,
    credentials: options.credentials,
    owner: options.owner ?? 'engine-' + randomUUID(),
    leaseMs: options.leaseMs ?? 30_000,
    maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    expressionBounds: engineBounds(options.expressionLimits),
    concurrency: options.concurrency ?? 8,
    inboxTtlMs: options.inboxTtlMs ?? 24 * 3600_000,
    timerPollMs: options.timerPollMs ?? 1000,
    durability: options.durability ?? 'step',
    now: options.now ?? Date.now,
    delay: options.delay ?? abortableDelay,
    logger: options.logger,
    secretVariants: options.secretVariants,
    sealer: options.sealer,
  };
}

/**
 * The engine's limits over the process-wide ones, as one object per process-wide limits object, so
 * plans and compiled expressions cached by limits identity stay cached.
 */
function engineBounds(own: EngineOptions['expressionLimits']): () => Readonly<ExpressionBounds> {
  if (own === undefined) return getExpressionLimits;
  let global: Readonly<ExpressionLimits> | undefined;
  let merged: Readonly<ExpressionBounds> = getExpressionLimits();
  return () => {
    const current = getExpressionLimits();
    if (current !== global) {
      global = current;
      merged = Object.freeze({
        timeoutMs: own.timeoutMs ?? current.timeoutMs,
        maxDepth: own.maxDepth ?? current.maxDepth,
        maxSequence: own.maxSequence ?? current.maxSequence,
      });
    }
    return merged;
  };
}
