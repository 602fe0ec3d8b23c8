import { evaluateExpression } from '../expression/evaluate-expression.ts';
import type { ExpressionBindings } from '../expression/expression-bindings.ts';
import type { Json, JsonObject } from '../flow/json.ts';
import type { NodeContext, NodeKeyValue, NodeLogger, ResolvedCredential } from '../node/node-context.ts';
import { type ResumeReason, sleepUntil, waitFor } from '../node/node-result.ts';
import type { EngineCore } from './engine-core.ts';
import type { GraphNode } from './flow-graph.ts';
import type { RunState } from './run-state.ts';

/** Log lines kept per node attempt in the journal; the rest only go to the engine logger. */
export const MAX_JOURNALED_LOG_LINES = 20;
const MAX_JOURNALED_MESSAGE = 500;

/** A log line as attached to `node.completed` / `node.failed` journal data. */
export interface JournaledLogLine {
  level: string;
  message: string;
  fields?: JsonObject;
}

/** Per-attempt inputs of {@link buildNodeContext}. */
export interface NodeAttempt {
  node: GraphNode;
  input: Json;
  inputs: Record<string, Json>;
  config: JsonObject;
  credentials: Record<string, ResolvedCredential>;
  signal: AbortSignal;
  attempt: number;
  idempotencyKey: string;
  resumed: ResumeReason | undefined;
  state: Json | undefined;
  /** Collects journaled log lines (bounded). */
  logs: JournaledLogLine[];
}

/** The durable key/value space of a run's flow: namespaced by flow id; token buckets are global. */
export function buildKeyValue(core: EngineCore, flowId: string): NodeKeyValue {
  const { store, now } = core.options;
  const namespace = 'flow:' + flowId;
  return {
    get: (key) => store.kvGet(namespace, key, now()),
    set: (key, value, ttlMs) =>
      store.kvSet(namespace, key, value, ttlMs === undefined ? undefined : now() + ttlMs),
    delete: (key) => store.kvDelete(namespace, key),
    takeToken: (key, bucket) => store.takeToken(key, { cost: 1, ...bucket }, now()),
  };
}

function buildLogger(core: EngineCore, runId: string, nodeId: string, logs: JournaledLogLine[]): NodeLogger {
  const line =
    (level: string) =>
    (message: string, fields?: JsonObject): void => {
      core.options.logger?.({ runId, nodeId, level, message, ...(fields ? { fields } : {}) });
      if (logs.length < MAX_JOURNALED_LOG_LINES) {
        const text =
          message.length > MAX_JOURNALED_MESSAGE ? message.slice(0, MAX_JOURNALED_MESSAGE) + '…' : message;
        logs.push(fields ? { level, message: text, fields } : { level, message: text });
      }
    };
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}

/**
 * Builds the explicit context a node's `run` receives. Closures (not methods) so a node may
 * destructure `ctx` freely. Expressions evaluated through `ctx.evaluate` get the same bindings as
 * config expressions and never see credentials.
 */
export function buildNodeContext(
  core: EngineCore,
  run: RunState,
  bindings: ExpressionBindings,
  kv: NodeKeyValue,
  attempt: NodeAttempt,
): NodeContext {
  const { now } = core.options;
  const runId = run.info.id;
  const { node } = attempt;
  return {
    input: attempt.input,
    inputs: attempt.inputs,
    config: attempt.config,
    credentials: attempt.credentials,
    signal: attempt.signal,
    log: buildLogger(core, runId, node.id, attempt.logs),
    idempotencyKey: attempt.idempotencyKey,
    attempt: attempt.attempt,
    run: run.info,
    node:
      node.node.name === undefined
        ? { id: node.id, type: node.node.type }
        : { id: node.id, type: node.node.type, name: node.node.name },
    ...(attempt.resumed ? { resumed: attempt.resumed } : {}),
    ...(attempt.state === undefined ? {} : { state: attempt.state }),
    evaluate: (expression, document, extra) =>
      evaluateExpression(
        expression,
        document === undefined ? attempt.input : document,
        extra ? { ...bindings, ...extra } : bindings,
        {
          nodeId: node.id,
        },
      ),
    wait: ({ channel, key, timeoutMs, state }) =>
      waitFor({
        channel,
        key,
        ...(timeoutMs === undefined ? {} : { deadline: now() + timeoutMs }),
        ...(state === undefined ? {} : { state }),
      }),
    sleep: (until, state) => sleepUntil(until, state),
    respond: (response) => core.emit({ type: 'run.response', runId, response }),
    subflow: (ref, input, options) =>
      core.runSubflow(
        {
          runId,
          nodeId: node.id,
          test: run.info.test,
          signal: options.signal ? AbortSignal.any([options.signal, attempt.signal]) : attempt.signal,
        },
        ref,
        input,
        options.key,
      ),
    kv,
    now,
  };
}
