import type { Json, JsonSchema } from '../document/flow-types.ts';
import { validateConfig } from '../validation/config-validator.ts';

/** An enum choice with the label the user sees. */
export interface EnumOption {
  value: Json;
  label: string;
  description?: string;
}

/** How one schema is edited: the widget kind and what it needs. */
export type FieldSpec =
  | { kind: 'string'; multiline: boolean; secretLike: boolean }
  | { kind: 'number' | 'integer'; minimum?: number; maximum?: number }
  | { kind: 'boolean' }
  | { kind: 'enum'; options: EnumOption[] }
  | { kind: 'object'; properties: Array<{ key: string; schema: JsonSchema; required: boolean }> }
  | { kind: 'array'; items: JsonSchema }
  | { kind: 'map'; values: JsonSchema }
  | { kind: 'expression' }
  | { kind: 'oneOf'; variants: Array<{ title: string; schema: JsonSchema }> }
  | { kind: 'json' };

function typeOf(schema: JsonSchema): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') as string | undefined;
  return type as string | undefined;
}

function isConstChoice(schema: unknown): schema is { const: Json; title?: string; description?: string } {
  return !!schema && typeof schema === 'object' && 'const' in schema;
}

/** Decides the widget for a schema; anything the form cannot express becomes a JSON field. */
export function fieldSpec(schema: JsonSchema): FieldSpec {
  const oneOf = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(oneOf) && oneOf.length && oneOf.every(isConstChoice)) {
    return {
      kind: 'enum',
      options: oneOf.map((o) => ({
        value: o.const as Json,
        label: (o.title as string) ?? String(o.const),
        description: o.description as string | undefined,
      })),
    };
  }
  if (Array.isArray(schema.enum)) {
    return {
      kind: 'enum',
      options: (schema.enum as Json[]).map((value) => ({ value, label: String(value) })),
    };
  }
  if (Array.isArray(oneOf) && oneOf.length) {
    return {
      kind: 'oneOf',
      variants: oneOf.map((variant, i) => ({
        title: (variant.title as string) ?? `Option ${i + 1}`,
        schema: variant,
      })),
    };
  }
  const type = typeOf(schema) ?? (schema.properties ? 'object' : undefined);
  if (type === undefined && schema['x-expression'] === true) return { kind: 'expression' };
  switch (type) {
    case 'string': {
      const format = schema.format as string | undefined;
      const multiline = format === 'textarea' || format === 'multiline' || schema['x-multiline'] === true;
      return { kind: 'string', multiline, secretLike: format === 'password' };
    }
    case 'number':
    case 'integer':
      return {
        kind: type,
        minimum: schema.minimum as number | undefined,
        maximum: schema.maximum as number | undefined,
      };
    case 'boolean':
      return { kind: 'boolean' };
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      if (!Object.keys(properties).length) {
        const values = schema.additionalProperties;
        return values && typeof values === 'object'
          ? { kind: 'map', values: values as JsonSchema }
          : { kind: 'json' };
      }
      return {
        kind: 'object',
        properties: Object.entries(properties).map(([key, s]) => ({
          key,
          schema: s,
          required: required.has(key),
        })),
      };
    }
    case 'array':
      return schema.items && typeof schema.items === 'object'
        ? { kind: 'array', items: schema.items as JsonSchema }
        : { kind: 'json' };
    default:
      return { kind: 'json' };
  }
}

/**
 * The value a new field starts with: the schema's `default`, else an object of its properties'
 * defaults (required nested objects included), else undefined (the field stays unset).
 */
export function defaultValue(schema: JsonSchema): Json | undefined {
  if (schema.default !== undefined) return structuredClone(schema.default as Json);
  if (schema.const !== undefined) return schema.const as Json;
  const spec = fieldSpec(schema);
  if (spec.kind === 'object') {
    const out: Record<string, Json> = {};
    for (const { key, schema: child, required } of spec.properties) {
      const value = defaultValue(child);
      if (value !== undefined) out[key] = value;
      else if (required && fieldSpec(child).kind === 'object') out[key] = {};
    }
    return out;
  }
  if (spec.kind === 'oneOf') return defaultValue(spec.variants[0]!.schema);
  return undefined;
}

/** A fresh config for a new node of this schema. */
export function defaultConfig(schema: JsonSchema): Record<string, Json> {
  const value = defaultValue(schema);
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** Picks the `oneOf` variant a value belongs to: by a `const` discriminator, else the first that validates. */
export function matchVariant(variants: Array<{ schema: JsonSchema }>, value: Json | undefined): number {
  if (value === undefined) return 0;
  for (const [i, { schema }] of variants.entries()) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const discriminators = Object.entries(properties).filter(([, s]) => s.const !== undefined);
    if (
      discriminators.length &&
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      discriminators.every(([key, s]) => value[key] === s.const)
    ) {
      return i;
    }
  }
  const valid = variants.findIndex(({ schema }) => validateConfig(schema, value).length === 0);
  return Math.max(valid, 0);
}

/** A label for a property key when the schema has no title: `customerOrderNo` → `Customer order no`. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
