import type { JsonSchema } from '../node/node-type.ts';
import type { DescriptorCatalogue, DescriptorTexts, FieldTexts } from './descriptor-texts.ts';

type Schema = { [key: string]: unknown };

/**
 * Visits every field of an object schema with its dotted path: nested objects as `a.b`, objects
 * inside arrays as `a[].b`, and the properties of object-shaped `oneOf` variants under the same path.
 * `visit` may return a replacement for the field's schema.
 */
export function mapFields(
  schema: JsonSchema,
  visit: (path: string, field: Schema) => Schema,
  prefix = '',
): JsonSchema {
  const properties = schema.properties as Record<string, Schema> | undefined;
  const mapped: Schema = { ...schema };
  if (properties) {
    mapped.properties = Object.fromEntries(
      Object.entries(properties).map(([name, field]) => {
        const path = prefix + name;
        return [name, mapNested(visit(path, field), path, visit)];
      }),
    );
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const variants = schema[key] as Schema[] | undefined;
    if (Array.isArray(variants)) mapped[key] = variants.map((v) => mapFields(v, visit, prefix));
  }
  return mapped;
}

function mapNested(field: Schema, path: string, visit: (path: string, field: Schema) => Schema): Schema {
  let result = field;
  if (field.properties || field.oneOf || field.anyOf) result = mapFields(result, visit, `${path}.`);
  const items = field.items as Schema | undefined;
  if (items && typeof items === 'object' && items.properties)
    result = { ...result, items: mapFields(items, visit, `${path}[].`) };
  return result;
}

/** The const choices of a field (`oneOf`/`anyOf` of `{const}`), on the field itself or its items. */
function choiceList(
  field: Schema,
): { key: 'oneOf' | 'anyOf'; on: 'field' | 'items'; list: Schema[] } | undefined {
  for (const on of ['field', 'items'] as const) {
    const target = on === 'field' ? field : (field.items as Schema | undefined);
    for (const key of ['oneOf', 'anyOf'] as const) {
      const list = target?.[key] as Schema[] | undefined;
      if (Array.isArray(list) && list.length && list.every((o) => o && 'const' in o))
        return { key, on, list };
    }
  }
  return undefined;
}

/** One field with its texts applied (titles, help, choice labels, shape titles, examples). */
function localizeField(field: Schema, texts: FieldTexts | undefined): Schema {
  if (!texts) return field;
  const result: Schema = { ...field };
  if (texts.title !== undefined) result.title = texts.title;
  if (texts.description !== undefined) result.description = texts.description;
  if (texts.examples !== undefined) result.examples = texts.examples;
  const choices = choiceList(field);
  if (choices && texts.options) {
    const list = choices.list.map((o) => {
      const label = texts.options?.[String(o.const)];
      return label === undefined ? o : { ...o, title: label };
    });
    if (choices.on === 'field') result[choices.key] = list;
    else result.items = { ...(field.items as Schema), [choices.key]: list };
  } else if (texts.variants) {
    for (const key of ['oneOf', 'anyOf'] as const) {
      const list = field[key] as Schema[] | undefined;
      if (Array.isArray(list))
        result[key] = list.map((v, i) => (texts.variants?.[i] ? { ...v, title: texts.variants[i] } : v));
    }
  }
  return result;
}

/** Applies translated field texts to a config or credential schema; fields without texts stay as they are. */
export function localizeSchema(schema: JsonSchema, fields: Record<string, FieldTexts> = {}): JsonSchema {
  return mapFields(schema, (path, field) => localizeField(field, fields[path]));
}

/** The texts for one node type: `type@version` entries override `type` entries field by field. */
export function nodeTexts(
  catalogue: DescriptorCatalogue,
  type: string,
  version: number,
): DescriptorTexts | undefined {
  const general = catalogue.nodes?.[type];
  const specific = catalogue.nodes?.[`${type}@${version}`];
  if (!general || !specific) return specific ?? general;
  return { ...general, ...specific, fields: { ...general.fields, ...specific.fields } };
}

/**
 * A node type descriptor in another language: title, description and every field text the catalogue
 * has replace the English ones; anything it lacks stays English. Type, ports and schema rules never change.
 */
export function localizeNodeType<
  T extends { type: string; version: number; title: string; description: string; config: JsonSchema },
>(descriptor: T, catalogue: DescriptorCatalogue): T {
  const texts = nodeTexts(catalogue, descriptor.type, descriptor.version);
  if (!texts) return descriptor;
  return {
    ...descriptor,
    title: texts.title ?? descriptor.title,
    description: texts.description ?? descriptor.description,
    config: localizeSchema(descriptor.config, texts.fields),
  };
}

/** A credential kind descriptor in another language (same rules as {@link localizeNodeType}). */
export function localizeCredentialKind<
  T extends { kind: string; title: string; description: string; schema: JsonSchema },
>(descriptor: T, catalogue: DescriptorCatalogue): T {
  const texts = catalogue.credentialKinds?.[descriptor.kind];
  if (!texts) return descriptor;
  return {
    ...descriptor,
    title: texts.title ?? descriptor.title,
    description: texts.description ?? descriptor.description,
    schema: localizeSchema(descriptor.schema, texts.fields),
  };
}

/** Merges catalogues (built-ins first, then node packages and connectors); later entries win. */
export function mergeCatalogues(...catalogues: DescriptorCatalogue[]): DescriptorCatalogue {
  const merged: Required<DescriptorCatalogue> = { nodes: {}, credentialKinds: {} };
  for (const c of catalogues) {
    Object.assign(merged.nodes, c.nodes);
    Object.assign(merged.credentialKinds, c.credentialKinds);
  }
  return merged;
}
