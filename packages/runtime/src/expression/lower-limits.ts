import type { ExpressionBounds } from './compile-expression.ts';

/** A node's own expression limits (`FlowNode.expressionLimits`): each may only lower the server's. */
export type ExpressionLimitOverrides = Partial<ExpressionBounds>;

// Per base limits object, per overrides object: the same frozen result, so compiled plans keyed by
// limits identity stay cached across runs.
const lowered = new WeakMap<object, WeakMap<object, Readonly<ExpressionBounds>>>();

/**
 * The limits that apply to a node: each of `overrides` where it is lower than `base`, else `base`'s.
 * A node can make its expressions stricter than the server allows, never looser. Returns `base`
 * itself when nothing is lowered.
 */
export function lowerLimits(
  base: Readonly<ExpressionBounds>,
  overrides: ExpressionLimitOverrides | undefined,
): Readonly<ExpressionBounds> {
  if (overrides === undefined) return base;
  let byOverrides = lowered.get(base);
  const known = byOverrides?.get(overrides);
  if (known) return known;
  const lower = (own: number | undefined, server: number) =>
    own !== undefined && own < server ? own : server;
  const next = {
    timeoutMs: lower(overrides.timeoutMs, base.timeoutMs),
    maxDepth: lower(overrides.maxDepth, base.maxDepth),
    maxSequence: lower(overrides.maxSequence, base.maxSequence),
  };
  const result =
    next.timeoutMs === base.timeoutMs &&
    next.maxDepth === base.maxDepth &&
    next.maxSequence === base.maxSequence
      ? base
      : Object.freeze(next);
  if (!byOverrides) {
    byOverrides = new WeakMap();
    lowered.set(base, byOverrides);
  }
  byOverrides.set(overrides, result);
  return result;
}
