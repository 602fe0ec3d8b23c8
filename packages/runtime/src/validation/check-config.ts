import { JunctionError } from '../errors/junction-error.ts';
import { isExpression } from '../expression/is-expression.ts';
import { valueAtPointer } from '../flow/json-pointer.ts';
import { collapseConstAlternatives } from './collapse-alternatives.ts';
import { describeAjvError } from './describe-ajv-error.ts';
import { dotted } from './describe-location.ts';
import type { Loose, NodeView } from './flow-view.ts';
import { configValidator } from './schema-validators.ts';
import type { ValidationProblem } from './validation-problem.ts';

/**
 * JX_CONFIG: the node's config against its type's config schema, every ajv error reported.
 * A field holding an expression cannot be checked before the run (its value is not known yet), so
 * errors about expression strings are dropped: `"amount": "=price * qty"` passes a `number` field.
 * A config that fits is then given to the type's `configProblems`, if it has one.
 */
export function checkConfig(
  view: NodeView,
  config: Loose,
  base: string,
  problems: ValidationProblem[],
): void {
  const definition = view.definition;
  if (!definition) return;
  const validate = configValidator(definition.config, `${definition.type} v${definition.version}`);
  if (validate instanceof JunctionError) {
    problems.push({ code: 'JX_NODE_TYPE_SCHEMA', pointer: base, message: validate.message, nodeId: view.id });
    return;
  }
  if (validate(config)) {
    for (const problem of definition.configProblems?.(config as never) ?? []) {
      if (isExpression(valueAtPointer(config, problem.pointer))) continue;
      problems.push({
        code: 'JX_CONFIG',
        pointer: base + problem.pointer,
        message: `Node ${view.id}: config field ${dotted(problem.pointer)} ${problem.message}.`,
        nodeId: view.id,
      });
    }
    return;
  }
  const seen = new Set<string>();
  for (const error of collapseConstAlternatives(validate.errors ?? [])) {
    if (error.keyword === 'propertyNames') continue;
    if (isExpression(valueAtPointer(config, error.instancePath))) continue;
    const { pointer, phrase } = describeAjvError(error);
    const key = `${pointer}\u0000${phrase}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const field = pointer ? `config field ${dotted(pointer)}` : 'config';
    problems.push({
      code: 'JX_CONFIG',
      pointer: base + pointer,
      message: `Node ${view.id}: ${field} ${phrase}.`,
      nodeId: view.id,
    });
  }
}
