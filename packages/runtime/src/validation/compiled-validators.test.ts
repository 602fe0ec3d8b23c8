import { describe, expect, it } from 'vitest';
import type { ValidatorModuleLoader } from './compiled-validators.ts';
import { compiledValidator, installCompiledValidators } from './compiled-validators.ts';
import { configValidator, flowSchemaErrors } from './schema-validators.ts';
import { validatorModuleSource } from './validator-module.ts';

const schema = {
  type: 'object',
  required: ['path'],
  additionalProperties: false,
  properties: {
    path: { type: 'string', minLength: 2, pattern: '^[a-z/]+$' },
    mode: { enum: ['a', 'b'] },
    at: { type: 'string', format: 'date-time' },
    tags: { type: 'array', uniqueItems: true },
  },
};

type Editable = { title?: string; properties: Record<'path' | 'mode', Record<string, unknown>> };

async function importModule(source: string): Promise<ValidatorModuleLoader> {
  const url = `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`;
  return ((await import(url)) as { default: ValidatorModuleLoader }).default;
}

describe('compiled validators', () => {
  it('validates exactly like ajv compiling at run time, and validation uses them once installed', async () => {
    const source = validatorModuleSource([schema, structuredClone(schema)]);
    expect(source).not.toMatch(/new Function|eval\(/);
    // Same text, one entry: the flow schema and this one.
    expect(installCompiledValidators(await importModule(source))).toBe(2);
    // Found by the schema's JSON text, as the editor holds a parsed copy of the server's schema.
    const copy = JSON.parse(JSON.stringify(schema));
    const compiled = compiledValidator(copy)!;
    expect(compiled).toBeTypeOf('function');
    expect(configValidator(copy, 'test v1')).toBe(compiled);
    const reference = configValidator(structuredClone({ ...schema, title: 'x' }), 'reference v1');
    if (typeof reference !== 'function') throw reference;
    for (const config of [
      { path: 'ok/path' },
      { path: 'x', mode: 'c', extra: 1 },
      { path: 'ÄÖ' },
      { at: 'yesterday', tags: [1, 1] },
      { path: 'ok', at: '2026-12-07T06:00:00Z' },
    ]) {
      expect(compiled(config)).toBe(reference(config));
      expect(compiled.errors ?? null).toEqual(reference.errors ?? null);
    }
    expect(flowSchemaErrors({ schemaVersion: 2 }).map((e) => e.keyword)).toContain('const');
    // A descriptor with translated texts (titles, descriptions, examples, x- hints) finds it too,
    // but a schema that accepts something else does not.
    const translated = structuredClone(schema) as Editable;
    translated.title = '配置';
    translated.properties.path.description = '路径';
    translated.properties.path.examples = ['a/b'];
    translated.properties.mode['x-widget'] = 'radio';
    expect(compiledValidator(translated)).toBe(compiled);
    const stricter = structuredClone(schema) as Editable;
    stricter.properties.path.minLength = 3;
    expect(compiledValidator(stricter)).toBeUndefined();
  });
});
