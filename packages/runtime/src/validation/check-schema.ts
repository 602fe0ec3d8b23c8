import type { ErrorObject } from 'ajv';
import { joinPointer } from '../flow/json-pointer.ts';
import { collapseConstAlternatives } from './collapse-alternatives.ts';
import { describeAjvError } from './describe-ajv-error.ts';
import { describeLocation } from './describe-location.ts';
import { flowSchemaErrors } from './schema-validators.ts';
import type { ValidationProblem } from './validation-problem.ts';

/** JX_SCHEMA: one problem per ajv error of the flow schema, with a friendly sentence. */
export function checkSchema(doc: unknown): ValidationProblem[] {
  return schemaProblems(doc, flowSchemaErrors(doc));
}

function schemaProblems(doc: unknown, errors: ErrorObject[]): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const seen = new Set<string>();
  for (const error of collapseConstAlternatives(errors)) {
    // The inner error of `propertyNames` already names the bad key; the outer one adds nothing.
    if (error.keyword === 'propertyNames') continue;
    const described = describeAjvError(error);
    const propertyName = (error as { propertyName?: string }).propertyName;
    const pointer =
      propertyName !== undefined ? joinPointer(error.instancePath, propertyName) : described.pointer;
    const phrase =
      propertyName !== undefined ? `is not an allowed name: it ${described.phrase}` : described.phrase;
    const key = `${pointer}\u0000${phrase}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { label, nodeId, edgeId } = describeLocation(doc, pointer);
    problems.push({
      code: 'JX_SCHEMA',
      pointer,
      message: `${label} ${phrase}.`,
      ...(nodeId !== undefined ? { nodeId } : {}),
      ...(edgeId !== undefined ? { edgeId } : {}),
    });
  }
  return problems;
}
