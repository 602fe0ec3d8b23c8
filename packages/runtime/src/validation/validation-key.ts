import type { JsonSchema } from '../node/node-type.ts';

/** Keywords that describe a schema to people and never change what it accepts. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'examples',
  '$comment',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
/** Keywords whose value is a map of names to schemas (the names are data, not keywords). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is data (never walked: an `enum` of objects may hold a key named `title`). */
const DATA = new Set(['enum', 'const', 'default', 'required', 'dependentRequired']);

function canonical(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(canonical);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    if (DATA.has(key)) out[key] = value;
    else if (SCHEMA_MAPS.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, canonical(sub)]));
    } else out[key] = canonical(value);
  }
  return out;
}

/**
 * What identifies a schema's validator: its JSON text without annotations (titles, descriptions,
 * examples, `x-…` editor hints), so a descriptor whose texts were translated still finds the
 * validator the server compiled from the original.
 */
export function validationKey(schema: JsonSchema | Record<string, unknown>): string {
  return JSON.stringify(canonical(schema));
}
