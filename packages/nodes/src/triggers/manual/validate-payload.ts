import { type Json, type JsonSchema, JunctionError } from '@junction/runtime';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

// One compiler for every manual trigger; compiled validators are cached by schema text because a
// deployed flow validates every run against the same schema and compiling is the expensive part.
const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();
const MAX_CACHED = 500;

function compile(schema: JsonSchema): ValidateFunction {
  const text = JSON.stringify(schema);
  let validate = compiled.get(text);
  if (!validate) {
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      throw new JunctionError(
        'JX_CONFIG_INVALID',
        `inputSchema is not a valid JSON Schema: ${(error as Error).message}`,
        { field: 'inputSchema' },
      );
    }
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(text, validate);
  }
  return validate;
}

/** `input.customer.email` from an ajv error, naming the missing property for `required`. */
function fieldOf(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  return ['input', ...path].join('.');
}

/**
 * Validates a trigger payload against the schema the flow declares. Throws `JX_INPUT_INVALID`
 * naming every offending field; values are never echoed (a payload may carry secrets).
 */
export function validatePayload(schema: JsonSchema, payload: Json): void {
  const validate = compile(schema);
  if (validate(payload)) return;
  const problems = (validate.errors ?? []).map((error) => ({
    field: fieldOf(error),
    message: error.keyword === 'required' ? 'is required' : (error.message ?? 'is invalid'),
  }));
  const sentence = problems.map((problem) => `${problem.field} ${problem.message}`).join('; ');
  throw new JunctionError(
    'JX_INPUT_INVALID',
    `The run input does not match the declared schema: ${sentence}.`,
    {
      field: problems[0]?.field ?? 'input',
      problems,
    },
  );
}
