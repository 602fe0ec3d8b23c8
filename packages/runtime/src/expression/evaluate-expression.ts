import { JunctionError } from '../errors/junction-error.ts';
import type { Json } from '../flow/json.ts';
import { type CompiledExpression, compileExpression, type ExpressionBounds } from './compile-expression.ts';
import { assertSafeBindings, type ExpressionBindings } from './expression-bindings.ts';
import { type ExpressionSite, toExpressionError, withSite } from './expression-error.ts';
import { inExpressionTurn } from './expression-turns.ts';
import { toJson } from './to-json.ts';

/**
 * Evaluates an expression (compiled, or a source string with or without its leading `=`) against
 * `document` (bound to `$`, normally the node input) and `bindings`, and returns plain JSON
 * (no match → `null`). Failures throw `JX_EXPRESSION_FAILED` (or `JX_EXPRESSION_SYNTAX` for a source
 * that does not parse) carrying the JSONata message and position, and `site` when given. A source
 * string is compiled with `bounds` (an engine's or node's limits; default the process-wide ones).
 * Evaluations take turns (see `inExpressionTurn`): the time limit counts this evaluation only.
 */
export async function evaluateExpression(
  expression: CompiledExpression | string,
  document: unknown,
  bindings: ExpressionBindings = {},
  site: ExpressionSite = {},
  bounds?: Readonly<ExpressionBounds>,
): Promise<Json> {
  assertSafeBindings(bindings);
  return evaluateTrusted(expression, document, bindings, site, bounds);
}

/** {@link evaluateExpression} without the binding-name check, for callers that ran it once already. */
export async function evaluateTrusted(
  expression: CompiledExpression | string,
  document: unknown,
  bindings: ExpressionBindings,
  site: ExpressionSite,
  bounds?: Readonly<ExpressionBounds>,
): Promise<Json> {
  let compiled: CompiledExpression;
  try {
    compiled = typeof expression === 'string' ? compileExpression(expression, bounds) : expression;
  } catch (error) {
    throw error instanceof JunctionError ? withSite(error, site) : error;
  }
  let result: unknown;
  try {
    result = await inExpressionTurn(() => compiled.jsonata.evaluate(document, bindings));
  } catch (error) {
    throw toExpressionError('JX_EXPRESSION_FAILED', error, compiled.source, site);
  }
  try {
    return toJson(result);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw toExpressionError('JX_EXPRESSION_FAILED', { message }, compiled.source, site);
  }
}
