import { type ErrorInfo, JunctionError, toErrorInfo } from '../errors/junction-error.ts';
import type { ExpressionBindings } from '../expression/expression-bindings.ts';
import { lowerLimits } from '../expression/lower-limits.ts';
import { resolveConfig } from '../expression/resolve-config.ts';
import type { Json, JsonObject } from '../flow/json.ts';
import type { NodeKeyValue, ResolvedCredential } from '../node/node-context.ts';
import { isSuspension, type NodeOutputs, type ResumeReason, type Suspension } from '../node/node-result.ts';
import { isStoreUnavailable } from '../store/store-errors.ts';
import { raceAbort } from './abortable.ts';
import { buildKeyValue, buildNodeContext, type JournaledLogLine } from './build-node-context.ts';
import { idempotencyKeyOf } from './deterministic-ids.ts';
import type { EngineCore } from './engine-core.ts';
import type { GraphNode } from './flow-graph.ts';
import type { JournalWriter } from './journal-writer.ts';
import { gatherInputs } from './node-inputs.ts';
import { checkOutputs, DEFAULT_MAX_OUTPUT_BYTES } from './output-cap.ts';
import { retryDelay } from './retry-delay.ts';
import type { RunState } from './run-state.ts';
import { createSecretMasker, type SecretMasker } from './secret-masker.ts';
import { type AttemptSuspender, suspendable } from './subflow-suspension.ts';

/**
 * How one node execution ended. `aborted`: the run was cancelled or timed out meanwhile.
 * `unavailable`: the node could not reach the run store (JX_STORE_UNAVAILABLE) — nothing is
 * decided or journaled; the run is handed back to recovery as if this process had crashed.
 */
export type NodeOutcome =
  | {
      kind: 'completed';
      outputs: NodeOutputs;
      logs: JournaledLogLine[];
      durationMs: number;
      error?: ErrorInfo;
    }
  | { kind: 'suspended'; suspension: Suspension; logs: JournaledLogLine[] }
  | { kind: 'failed'; error: ErrorInfo }
  | { kind: 'unavailable' }
  | { kind: 'aborted' };

/** What a node execution needs from its run. */
export interface NodeRunEnv {
  core: EngineCore;
  state: RunState;
  journal: JournalWriter;
  bindings: ExpressionBindings;
  kv: NodeKeyValue;
  /** Aborted on cancellation and run timeout. */
  signal: AbortSignal;
  maxOutputBytes: number;
}

/** The per-run environment of node executions; bindings and key/value are built once per run. */
export function createNodeRunEnv(
  core: EngineCore,
  state: RunState,
  journal: JournalWriter,
  signal: AbortSignal,
): NodeRunEnv {
  const settings = state.graph.document.settings;
  return {
    core,
    state,
    journal,
    bindings: {
      nodes: state.nodesBinding,
      trigger: state.input,
      vars: settings?.variables ?? {},
      run: state.info,
    },
    kv: buildKeyValue(core, state.info.flowId),
    signal,
    maxOutputBytes: settings?.maxOutputBytes ?? core.options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
  };
}

/**
 * Errors that a retry cannot fix: deterministic, or the run is ending. Input and config errors are
 * here too, whoever raised them: the same input and config fail the same way on every attempt.
 */
const NOT_RETRYABLE = new Set([
  'JX_INPUT_INVALID',
  'JX_CONFIG_INVALID',
  'JX_OUTPUT_TOO_LARGE',
  'JX_EXPRESSION_SYNTAX',
  'JX_EXPRESSION_FAILED',
  'JX_EXPRESSION_BINDING',
  'JX_CREDENTIAL_NOT_FOUND',
  'JX_CREDENTIAL_RESOLVER_MISSING',
  'JX_RUN_CANCELLED',
  'JX_RUN_TIMEOUT',
]);

const NO_CREDENTIALS: Record<string, ResolvedCredential> = Object.freeze({}) as Record<
  string,
  ResolvedCredential
>;

function isRetryable(error: ErrorInfo): boolean {
  return !NOT_RETRYABLE.has(error.code) && error.details?.retryable !== false;
}

async function resolveCredentials(
  env: NodeRunEnv,
  node: GraphNode,
): Promise<Record<string, ResolvedCredential>> {
  const slots = node.node.credentials;
  if (!slots) return NO_CREDENTIALS;
  const resolver = env.core.options.credentials;
  const resolved: Record<string, ResolvedCredential> = {};
  for (const [slot, id] of Object.entries(slots)) {
    if (!resolver) {
      throw new JunctionError(
        'JX_CREDENTIAL_RESOLVER_MISSING',
        `Node ${node.id} uses credential ${id}, but the engine has no credential resolver; pass options.credentials.`,
        { nodeId: node.id, slot },
      );
    }
    const credential = await resolver.resolve(id);
    if (!credential) {
      throw new JunctionError(
        'JX_CREDENTIAL_NOT_FOUND',
        `Credential ${id} (slot ${slot} of node ${node.id}) does not exist; create it or pick another one.`,
        { nodeId: node.id, slot, credentialId: id },
      );
    }
    resolved[slot] = credential;
  }
  return resolved;
}

/** Runs the node function once, bounded by the node timeout and the run's signal. */
async function invoke(
  env: NodeRunEnv,
  node: GraphNode,
  build: (signal: AbortSignal) => Parameters<GraphNode['definition']['run']>[0],
  suspender: AttemptSuspender,
) {
  const timeoutMs = node.node.timeoutMs;
  if (timeoutMs === undefined) {
    const result = node.definition.run(build(env.signal));
    return result instanceof Promise ? suspendable(raceAbort(result, env.signal), suspender) : result;
  }
  const controller = new AbortController();
  const signal = AbortSignal.any([env.signal, controller.signal]);
  const timer = setTimeout(() => {
    controller.abort(
      new JunctionError(
        'JX_NODE_TIMEOUT',
        `Node ${node.id} did not finish within ${timeoutMs} ms; raise its timeoutMs or check the service it calls.`,
        { nodeId: node.id, timeoutMs },
      ),
    );
  }, timeoutMs);
  try {
    return await suspendable(
      raceAbort(Promise.resolve(node.definition.run(build(signal))), signal),
      suspender,
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Executes one ready node: attempts with retries, then `onError`.
 *
 * 1. Each attempt journals `node.started` with the input, resolves the config expressions (except
 *    `rawConfigKeys`) and credentials, and calls `run` under the node timeout (`JX_NODE_TIMEOUT`).
 * 2. Outputs, errors and log lines are masked: every secret of the attempt's credentials becomes
 *    `[redacted]` (`secret-masker.ts`), before anything is journaled or emitted.
 *    Outputs are normalised and size-checked (`JX_OUTPUT_TOO_LARGE`, never retried, always fails the run:
 *    an oversized output is a flow bug that must not pass quietly).
 * 3. A failure is retried per the node's policy (journaled `node.retrying` with the delay) unless it
 *    cannot be fixed by retrying (expression, credential, size errors, or `details.retryable === false`).
 * 4. After the last attempt, `onError` decides: `fail` the run, `continue` with `null` on the first
 *    output, or `route` the error object `{code, message, details}` to the `error` port.
 */
export async function executeNode(
  env: NodeRunEnv,
  node: GraphNode,
  resume: { reason: ResumeReason | undefined; state: Json | undefined } | undefined,
): Promise<NodeOutcome> {
  const { core, state, journal } = env;
  const { now } = core.options;
  const { input, inputs } = gatherInputs(state, node);
  const maxAttempts = Math.max(1, node.retry?.maxAttempts ?? 1);
  for (;;) {
    const attempt = ++state.attempts[node.index]!;
    const started = journal.append({ type: 'node.started', nodeId: node.id, at: now(), attempt, input });
    if (core.observed) {
      core.emit({
        type: 'node.started',
        runId: state.info.id,
        nodeId: node.id,
        nodeType: node.node.type,
        attempt,
        input: started.input ?? null,
      });
    }
    const startedAt = now();
    const logs: JournaledLogLine[] = [];
    // Secrets of this attempt's credentials never leave it: outputs, errors and logs are masked.
    let mask: SecretMasker | undefined;
    try {
      const bounds = lowerLimits(core.options.expressionBounds(), node.node.expressionLimits);
      const config: JsonObject = node.hasExpressions
        ? await resolveConfig(node.node.config, env.bindings, {
            nodeId: node.id,
            input,
            bounds,
            ...(node.definition.rawConfigKeys ? { skipKeys: node.definition.rawConfigKeys } : {}),
          })
        : node.node.config;
      const credentials = await resolveCredentials(env, node);
      if (credentials !== NO_CREDENTIALS) mask = createSecretMasker(credentials, core.options.secretVariants);
      const suspender: AttemptSuspender = {};
      const result = await invoke(
        env,
        node,
        (signal) =>
          buildNodeContext(core, state, env.bindings, env.kv, {
            node,
            input,
            inputs,
            config,
            credentials,
            signal,
            attempt,
            idempotencyKey: idempotencyKeyOf(state.info.id, node.id),
            resumed: resume?.reason,
            state: resume?.state,
            logs,
            suspender,
            mask,
            bounds,
            journal: env.journal,
            durable: core.options.durability === 'step',
          }),
        suspender,
      );
      if (isSuspension(result)) return { kind: 'suspended', suspension: result, logs };
      const outputs = checkOutputs(node.id, result, env.maxOutputBytes);
      return {
        kind: 'completed',
        outputs: mask ? mask.json(outputs) : outputs,
        logs,
        durationMs: now() - startedAt,
      };
    } catch (thrown) {
      if (env.signal.aborted) return { kind: 'aborted' };
      // A store outage is not the node's failure: retrying or routing it would journal an outcome the
      // node never had (a paid order marked failed). Recovery runs the node again once the store is back.
      if (isStoreUnavailable(thrown)) return { kind: 'unavailable' };
      const error = mask ? mask.error(toErrorInfo(thrown)) : toErrorInfo(thrown);
      const willRetry = attempt < maxAttempts && isRetryable(error);
      if (core.observed) {
        core.emit({
          type: 'node.failed',
          runId: state.info.id,
          nodeId: node.id,
          nodeType: node.node.type,
          error: journal.seal(error as unknown as Json) as unknown as ErrorInfo,
          durationMs: now() - startedAt,
          willRetry,
        });
      }
      if (willRetry) {
        const delayMs = retryDelay(node.retry!, attempt + 1);
        journal.append({
          type: 'node.retrying',
          nodeId: node.id,
          at: now(),
          attempt,
          error,
          data: { delayMs, logs: logs as unknown as Json },
        });
        try {
          await core.options.delay(delayMs, env.signal);
        } catch {
          return { kind: 'aborted' };
        }
        continue;
      }
      journal.append({
        type: 'node.failed',
        nodeId: node.id,
        at: now(),
        attempt,
        error,
        durationMs: now() - startedAt,
        ...(logs.length ? { data: { logs: logs as unknown as Json } } : {}),
      });
      return applyOnError(node, error);
    }
  }
}

/** Step 4: what a node that failed for good produces. */
export function applyOnError(node: GraphNode, error: ErrorInfo): NodeOutcome {
  if (error.code === 'JX_OUTPUT_TOO_LARGE' || node.onError === 'fail') return { kind: 'failed', error };
  if (node.onError === 'route')
    return {
      kind: 'completed',
      outputs: { error: error as unknown as Json },
      logs: [],
      durationMs: 0,
      error,
    };
  const first = node.outputs.find((port) => port !== 'error') ?? node.outputs[0] ?? 'out';
  return { kind: 'completed', outputs: { [first]: null }, logs: [], durationMs: 0, error };
}
