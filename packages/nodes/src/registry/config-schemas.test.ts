import type { JsonSchema } from '@junction/runtime';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { builtinNodes } from '../index.ts';

type Schema = { [key: string]: unknown };

/** Every config property (nested objects, array items and `oneOf` variants included) with its path. */
function properties(schema: Schema, path: string): [string, Schema][] {
  const found: [string, Schema][] = [];
  for (const [name, child] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    found.push([`${path}.${name}`, child], ...properties(child, `${path}.${name}`));
  }
  const items = schema.items as Schema | undefined;
  if (items && !Array.isArray(items)) found.push(...properties(items, `${path}[]`));
  for (const key of ['oneOf', 'anyOf'] as const) {
    for (const variant of (schema[key] ?? []) as Schema[]) found.push(...properties(variant, path));
  }
  return found;
}

/** Every schema in the tree, for checks that apply to values as well as properties. */
function schemas(schema: Schema, path: string): [string, Schema][] {
  return [[path, schema], ...properties(schema, path)];
}

const configs = builtinNodes.map((node) => [`${node.type}@${node.version}`, node.config as Schema] as const);

describe('built-in config schemas are written for people', () => {
  it('give every config property a title and a description', () => {
    const missing = configs.flatMap(([id, config]) =>
      properties(config, id).flatMap(([path, property]) => [
        ...(typeof property.title === 'string' && property.title ? [] : [`${path}: title`]),
        ...(typeof property.description === 'string' && property.description ? [] : [`${path}: description`]),
      ]),
    );
    expect(missing).toEqual([]);
  });

  it('label every choice: enums are oneOf of consts, each with a title', () => {
    const unlabelled = configs.flatMap(([id, config]) =>
      schemas(config, id).flatMap(([path, schema]) => {
        if (Array.isArray(schema.enum)) return [`${path}: bare enum`];
        const options = (schema.oneOf ?? []) as Schema[];
        return options
          .filter((option) => 'const' in option && !option.title)
          .map((option) => `${path}: ${JSON.stringify(option.const)} has no title`);
      }),
    );
    expect(unlabelled).toEqual([]);
  });

  it('show at least one example value for every node type that has config', () => {
    const hasExample = (schema: Schema): boolean =>
      schemas(schema, '').some(([, s]) => Array.isArray(s.examples) && s.examples.length > 0);
    const without = configs
      .filter(([, config]) => Object.keys(config.properties ?? {}).length > 0 && !hasExample(config))
      .map(([id]) => id);
    expect(without).toEqual([]);
  });

  it('keep every default valid against its own property', () => {
    const ajv = new Ajv({ strict: false });
    const invalid = configs.flatMap(([id, config]) =>
      properties(config, id)
        .filter(([, property]) => 'default' in property)
        .filter(([, property]) => !ajv.validate(property as JsonSchema, property.default))
        .map(([path]) => path),
    );
    expect(invalid).toEqual([]);
  });

  it('start flow.if and flow.fail valid from their defaults, and flow.call with its input', () => {
    const ajv = new Ajv({ strict: false });
    const node = (type: string) => builtinNodes.find((n) => n.type === type)!;
    const fromDefaults = (type: string): Record<string, unknown> =>
      Object.fromEntries(
        Object.entries((node(type).config.properties ?? {}) as Record<string, Schema>)
          .filter(([, p]) => 'default' in p)
          .map(([key, p]) => [key, p.default]),
      );
    for (const type of ['flow.if', 'flow.fail']) {
      expect(ajv.validate(node(type).config, fromDefaults(type)), type).toBe(true);
    }
    expect(fromDefaults('flow.call')).toEqual({ input: '=$' });
  });
});
