import { JunctionError } from '../errors/junction-error.ts';
import type { Json, JsonObject } from '../flow/json.ts';
import type { PathSegment } from '../flow/json-pointer.ts';
import {
  type CompiledExpression,
  compileExpression,
  type ExpressionBounds,
  getExpressionLimits,
} from './compile-expression.ts';
import { evaluateTrusted } from './evaluate-expression.ts';
import { assertSafeBindings, type ExpressionBindings } from './expression-bindings.ts';
import { withSite } from './expression-error.ts';
import { listExpressions } from './list-expressions.ts';

/** Options of {@link resolveConfig}. */
export interface ResolveConfigOptions {
  /** Named in expression errors. */
  nodeId?: string;
  /** Top-level config keys left untouched (the node evaluates them itself, see `rawConfigKeys`). */
  skipKeys?: readonly string[];
  /**
   * The document `$` of every expression: the node input. When absent, `bindings.input` is used
   * (so callers may pass the input either way; it is then also readable as `$input`), else `null`.
   */
  input?: unknown;
  /** The limits the expressions are compiled with (an engine's, lowered by the node); default process-wide. */
  bounds?: Readonly<ExpressionBounds>;
}

interface PlanEntry {
  path: PathSegment[];
  pointer: string;
  topKey: string;
  compiled?: CompiledExpression;
  syntaxError?: JunctionError;
}

interface ConfigPlan {
  limits: object;
  entries: PlanEntry[];
}

// Configs are immutable once a flow is loaded, so the plan is computed once per config object.
const plans = new WeakMap<object, ConfigPlan>();

function planFor(config: JsonObject, bounds?: Readonly<ExpressionBounds>): ConfigPlan {
  const limits = bounds ?? getExpressionLimits();
  const cached = plans.get(config);
  if (cached && cached.limits === limits) return cached;
  const entries = listExpressions(config).map(({ path, pointer, source }): PlanEntry => {
    const entry: PlanEntry = { path, pointer, topKey: String(path[0]) };
    try {
      entry.compiled = compileExpression(source, limits);
    } catch (error) {
      // Reported when the node runs, so one bad field does not break nodes that skip it.
      entry.syntaxError = error instanceof JunctionError ? error : undefined;
    }
    return entry;
  });
  const plan = { limits, entries };
  plans.set(config, plan);
  return plan;
}

/** True when `config` holds at least one expression outside `skipKeys` (cached per config object). */
export function hasExpressions(config: JsonObject, skipKeys?: readonly string[]): boolean {
  // Any plan answers this, whatever limits it was compiled with.
  const { entries } = plans.get(config) ?? planFor(config);
  if (!skipKeys?.length) return entries.length > 0;
  return entries.some((entry) => !skipKeys.includes(entry.topKey));
}

/**
 * Resolves a node config: every `=` string (deeply, in objects and arrays) is replaced by the JSON
 * value of its expression, evaluated with `input` as the document and `bindings` as variables.
 * A config without expressions is returned as is (same object, no copy); otherwise only the containers
 * on the way to an expression are copied, so the original config is never mutated.
 * Throws `JX_EXPRESSION_SYNTAX` / `JX_EXPRESSION_FAILED` naming the node id and config pointer.
 */
export async function resolveConfig(
  config: JsonObject,
  bindings: ExpressionBindings,
  options: ResolveConfigOptions = {},
): Promise<JsonObject> {
  const { entries } = planFor(config, options.bounds);
  if (entries.length === 0) return config;
  const skip = options.skipKeys;
  const active = skip?.length ? entries.filter((entry) => !skip.includes(entry.topKey)) : entries;
  if (active.length === 0) return config;
  assertSafeBindings(bindings);
  const document = 'input' in options ? options.input : (bindings.input ?? null);

  const root: JsonObject = { ...config };
  const copies = new Set<object>([root]);
  for (const entry of active) {
    const site = { nodeId: options.nodeId, pointer: entry.pointer };
    if (!entry.compiled) {
      throw entry.syntaxError
        ? withSite(entry.syntaxError, site)
        : new JunctionError(
            'JX_EXPRESSION_SYNTAX',
            `Expression does not parse in node ${options.nodeId ?? '?'} at config ${entry.pointer}.`,
            site,
          );
    }
    const value = await evaluateTrusted(entry.compiled, document, bindings, site);
    assign(root, entry.path, value, copies);
  }
  return root;
}

/** Sets `value` at `path`, shallow-copying each container on the way the first time it is touched. */
function assign(root: JsonObject, path: PathSegment[], value: Json, copies: Set<object>): void {
  let current: Record<string | number, Json> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string | number;
    let child = current[key] as Record<string | number, Json>;
    if (!copies.has(child)) {
      child = (Array.isArray(child) ? child.slice() : { ...child }) as Record<string | number, Json>;
      copies.add(child);
      current[key] = child as Json;
    }
    current = child;
  }
  current[path[path.length - 1] as string | number] = value;
}
