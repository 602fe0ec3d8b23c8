import type { ErrorObject } from 'ajv';

/** Branch errors that only say "not this value". */
const VALUE_KEYWORDS = new Set(['const', 'enum', 'type']);

/**
 * Collapses the errors of a `oneOf`/`anyOf` whose branches are constants — the labelled-enum
 * convention `oneOf: [{const: 'GET', title: 'GET'}, …]` — into one `enum` error listing the allowed
 * values. With `allErrors`, ajv reports one `must be "GET"` per branch plus the `oneOf` itself, so one
 * bad value became seven problems; the user needs one sentence: `must be one of "GET", "POST", …`.
 *
 * 1. For each `oneOf`/`anyOf` error, its branch errors are those whose schema path lies below it.
 * 2. The group collapses only when every branch error is about the same value and is a `const`,
 *    `enum` or `type` error, and there is at least one constant; any other shape keeps its errors.
 * 3. The collapsed error takes the place of the `oneOf`/`anyOf` error, in order.
 */
export function collapseConstAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  if (!errors.some(isAlternatives)) return [...errors];
  const dropped = new Set<ErrorObject>();
  const replaced = new Map<ErrorObject, ErrorObject>();
  for (const group of errors) {
    if (!isAlternatives(group)) continue;
    const prefix = group.schemaPath + '/';
    const branches = errors.filter((error) => error !== group && error.schemaPath.startsWith(prefix));
    const allowed = allowedValues(branches, group.instancePath);
    if (!allowed) continue;
    for (const branch of branches) dropped.add(branch);
    replaced.set(group, {
      ...group,
      keyword: 'enum',
      params: { allowedValues: allowed },
      message: 'must be equal to one of the allowed values',
    });
  }
  return errors.filter((error) => !dropped.has(error)).map((error) => replaced.get(error) ?? error);
}

function isAlternatives(error: ErrorObject): boolean {
  return error.keyword === 'oneOf' || error.keyword === 'anyOf';
}

/** Step 2: the constants the branches allow, or undefined when the group is not only constants. */
function allowedValues(branches: ErrorObject[], instancePath: string): unknown[] | undefined {
  if (branches.length === 0) return undefined;
  const allowed: unknown[] = [];
  for (const branch of branches) {
    if (branch.instancePath !== instancePath || !VALUE_KEYWORDS.has(branch.keyword)) return undefined;
    const params = branch.params as { allowedValue?: unknown; allowedValues?: unknown[] };
    if (branch.keyword === 'const') allowed.push(params.allowedValue);
    if (branch.keyword === 'enum') allowed.push(...(params.allowedValues ?? []));
  }
  return allowed.length > 0 ? [...new Set(allowed)] : undefined;
}
