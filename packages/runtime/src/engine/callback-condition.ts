import type { ExpressionBounds } from '../expression/compile-expression.ts';
import { evaluateExpression } from '../expression/evaluate-expression.ts';
import type { ExpressionBindings } from '../expression/expression-bindings.ts';
import type { Json } from '../flow/json.ts';
import type { CallbackContext } from '../store/run-records.ts';

/**
 * JSONata's `$boolean` rules: null, false, 0, '', [] and {} are false; an array is true when any
 * member is. The same rules the built-in conditions (`flow.if`, `flow.poll`'s `until`) follow.
 */
export function isTruthy(value: Json | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.some(isTruthy);
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

/**
 * Whether a callback satisfies a wait's condition (`WaitSuspension.accept`): the expression sees the
 * callback body as its document, its headers (names lower-case) as `$headers` and its query
 * parameters as `$query` (both `{}` when the ingress gave none), and the run's usual bindings
 * (`$nodes`, `$trigger`, `$vars`, `$run`).
 * An expression that fails throws `JX_EXPRESSION_FAILED` naming the node and its `/until` config.
 */
export async function acceptsCallback(
  accept: string,
  callback: { payload: Json; context?: CallbackContext },
  bindings: ExpressionBindings,
  nodeId: string,
  bounds?: Readonly<ExpressionBounds>,
): Promise<boolean> {
  const site = { nodeId, pointer: '/until' };
  const scope = {
    ...bindings,
    headers: callback.context?.headers ?? {},
    query: callback.context?.query ?? {},
  };
  return isTruthy(await evaluateExpression(accept, callback.payload, scope, site, bounds));
}
