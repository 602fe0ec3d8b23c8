import type { ExpressionBounds } from '../expression/compile-expression.ts';
import { evaluateExpression } from '../expression/evaluate-expression.ts';
import type { ExpressionBindings } from '../expression/expression-bindings.ts';
import type { Json, JsonObject } from '../flow/json.ts';
import type { NodeContext, NodeKeyValue, NodeLogger, ResolvedCredential } from '../node/node-context.ts';
import { type ResumeReason, sleepUntil, waitFor } from '../node/node-result.ts';
import type { EngineCore } from './engine-core.ts';
import type { GraphNode } from './flow-graph.ts';
import type { JournalWriter } from './journal-writer.ts';
import type { RunState } from './run-state.ts';
import type { SubflowParent } from './run-subflow.ts';
import type { SecretMasker } from './secret-masker.ts';
import { type AttemptSuspender, subflowWait } from './subflow-suspension.ts';

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
  /** Ends the attempt as a suspension when a sub-flow call finds its child suspended. */
  suspender: AttemptSuspender;
  /** Masks the secrets of `credentials` in log lines and responses; undefined when there are none. */
  mask: SecretMasker | undefined;
  /** The node's expression limits (the engine's, lowered by the node). */
  bounds: Readonly<ExpressionBounds>;
  /** The run's journal: a response is journaled before it leaves. */
  journal: Pick<JournalWriter, 'append' | 'flush'>;
  /** True with `durability: 'step'`: a response leaves only once it and earlier steps are durable. */
  durable: boolean;
}

/** The durable key/value space of a run's flow: namespaced by flow id; token buckets are global. */
export function buildKeyValue(core: EngineCore, flowId: string): NodeKeyValue {
  const { store, now } = core.options;
  const namespace = 'flow:' + flowId;
  // Method shorthand, not arrows: tsx (esbuild keepNames) would wrap every arrow property in a
  // defineProperty call on each creation, which costs more than the node itself on the hot path.
  return {
    get(key) {
      return store.kvGet(namespace, key, now());
    },
    set(key, value, ttlMs) {
      return store.kvSet(namespace, key, value, ttlMs === undefined ? undefined : now() + ttlMs);
    },
    delete(key) {
      return store.kvDelete(namespace, key);
    },
    takeToken(key, bucket) {
      return store.takeToken(key, { cost: 1, ...bucket }, now());
    },
  };
}

function writeLog(
  core: EngineCore,
  line: { runId: string; nodeId: string; logs: JournaledLogLine[]; mask: SecretMasker | undefined },
  level: string,
  rawMessage: string,
  rawFields: JsonObject | undefined,
): void {
  const message = line.mask ? line.mask.text(rawMessage) : rawMessage;
  const fields = line.mask && rawFields ? line.mask.json(rawFields) : rawFields;
  core.options.logger?.({
    runId: line.runId,
    nodeId: line.nodeId,
    level,
    message,
    ...(fields ? { fields } : {}),
  });
  if (line.logs.length < MAX_JOURNALED_LOG_LINES) {
    const text =
      message.length > MAX_JOURNALED_MESSAGE ? message.slice(0, MAX_JOURNALED_MESSAGE) + '…' : message;
    line.logs.push(fields ? { level, message: text, fields } : { level, message: text });
  }
}

function buildLogger(
  core: EngineCore,
  runId: string,
  nodeId: string,
  logs: JournaledLogLine[],
  mask: SecretMasker | undefined,
): NodeLogger {
  const line = { runId, nodeId, logs, mask };
  return {
    debug(message, fields) {
      writeLog(core, line, 'debug', message, fields);
    },
    info(message, fields) {
      writeLog(core, line, 'info', message, fields);
    },
    warn(message, fields) {
      writeLog(core, line, 'warn', message, fields);
    },
    error(message, fields) {
      writeLog(core, line, 'error', message, fields);
    },
  };
}

/**
 * Builds the explicit context a node's `run` receives. The methods close over their scope and never
 * use `this`, so a node may destructure `ctx` freely. Expressions evaluated through `ctx.evaluate` get the same bindings as
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
  const ctx: NodeContext = {
    input: attempt.input,
    inputs: attempt.inputs,
    config: attempt.config,
    credentials: attempt.credentials,
    signal: attempt.signal,
    log: buildLogger(core, runId, node.id, attempt.logs, attempt.mask),
    idempotencyKey: attempt.idempotencyKey,
    attempt: attempt.attempt,
    run: run.info,
    node: node.ref,
    evaluate(expression, document, extra) {
      const scope = extra ? { ...bindings, ...extra } : bindings;
      const doc = document === undefined ? attempt.input : document;
      return evaluateExpression(expression, doc, scope, { nodeId: node.id }, attempt.bounds);
    },
    wait({ channel, key, timeoutMs, deadline, accept, state }) {
      const due = deadline ?? (timeoutMs === undefined ? undefined : now() + timeoutMs);
      return waitFor({
        channel,
        key,
        ...(due === undefined ? {} : { deadline: due }),
        ...(accept === undefined ? {} : { accept }),
        ...(state === undefined ? {} : { state }),
      });
    },
    sleep(until, state) {
      return sleepUntil(until, state);
    },
    respond(response) {
      const { mask, journal, durable } = attempt;
      const masked = mask ? mask.json(response as never) : response;
      // Journaled, so a repeated webhook request is answered exactly this, whichever process asks.
      journal.append({ type: 'run.response', nodeId: node.id, at: now(), data: masked as unknown as Json });
      if (!durable) {
        core.emit({ type: 'run.response', runId, response: masked });
        return;
      }
      // An answer is a side effect: it never leaves before it and the steps it reports on are
      // durable. A flush that fails withholds it; the run's own end reports the journal failure.
      journal.flush().then(
        () => core.emit({ type: 'run.response', runId, response: masked }),
        () => undefined,
      );
    },
    subflow(ref, input, options) {
      const signal = options.signal ? AbortSignal.any([options.signal, attempt.signal]) : attempt.signal;
      const { suspender, resumed, state } = attempt;
      const parent: SubflowParent = {
        runId,
        nodeId: node.id,
        test: run.info.test,
        signal,
        suspend(childRunId) {
          if (!suspender.suspend) return false;
          suspender.suspend(subflowWait(childRunId, resumed, state));
          return true;
        },
      };
      return core.runSubflow(parent, ref, input, options.key);
    },
    kv,
    now,
  };
  if (attempt.resumed) ctx.resumed = attempt.resumed;
  if (attempt.state !== undefined) ctx.state = attempt.state;
  return ctx;
}
