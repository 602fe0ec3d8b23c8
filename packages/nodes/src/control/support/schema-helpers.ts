import type { JsonSchema } from '@junction/runtime';

/**
 * An enum the editor can label: `oneOf` of `{const, title}` pairs, the form generator's convention.
 * `[['immediately', 'Respond immediately'], …]` reads better in a node file than the expanded schema.
 */
export function labelledEnum(options: [value: string, title: string][], extra: JsonSchema = {}): JsonSchema {
  return { type: 'string', oneOf: options.map(([value, title]) => ({ const: value, title })), ...extra };
}
