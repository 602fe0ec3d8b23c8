import { describe, expect, it } from 'vitest';
import { nodeTypesFixture } from '../../test/support/fixtures.ts';
import { defaultConfig, defaultValue, fieldSpec, humanize, matchVariant } from './schema-model.ts';

const types = nodeTypesFixture().nodeTypes;
const config = (type: string) => types.find((t) => t.type === type)!.config;
const prop = (type: string, key: string) =>
  (config(type).properties as Record<string, Record<string, unknown>>)[key]!;

describe('schema form model', () => {
  it('picks a widget for each kind of schema', () => {
    expect(fieldSpec(prop('http.request', 'url'))).toMatchObject({ kind: 'string' });
    expect(fieldSpec(prop('http.request', 'timeoutMs'))).toMatchObject({ kind: 'integer', minimum: 1 });
    expect(fieldSpec(prop('http.request', 'followRedirects'))).toEqual({ kind: 'boolean' });
    expect(fieldSpec(prop('http.request', 'method'))).toEqual({
      kind: 'enum',
      options: [
        { value: 'GET', label: 'GET', description: undefined },
        { value: 'POST', label: 'POST', description: undefined },
      ],
    });
    expect(fieldSpec(prop('http.request', 'headers'))).toEqual({ kind: 'map', values: { type: 'string' } });
    expect(fieldSpec(prop('transform.map', 'fields'))).toMatchObject({ kind: 'array' });
    expect(fieldSpec(prop('transform.map', 'mode'))).toMatchObject({
      kind: 'oneOf',
      variants: [{ title: 'Keep' }, { title: 'Replace' }],
    });
    expect(fieldSpec(prop('transform.map', 'expression'))).toEqual({ kind: 'expression' });
    expect(fieldSpec({ type: 'object' })).toEqual({ kind: 'json' });
    expect(fieldSpec({ enum: ['a', 'b'] })).toMatchObject({
      kind: 'enum',
      options: [{ label: 'a' }, { label: 'b' }],
    });
  });

  it('fills defaults, including nested required objects', () => {
    expect(defaultConfig(config('http.request'))).toEqual({
      method: 'GET',
      headers: {},
      timeoutMs: 10000,
      followRedirects: true,
    });
    expect(
      defaultValue({
        type: 'object',
        required: ['inner'],
        properties: { inner: { type: 'object', properties: { a: { type: 'number', default: 1 } } } },
      }),
    ).toEqual({ inner: { a: 1 } });
    expect(defaultValue(prop('transform.map', 'mode'))).toEqual({ kind: 'keep' });
  });

  it('recognises the oneOf variant of a value by its const discriminator', () => {
    const spec = fieldSpec(prop('transform.map', 'mode'));
    if (spec.kind !== 'oneOf') throw new Error('expected oneOf');
    expect(matchVariant(spec.variants, { kind: 'replace', with: 'x' })).toBe(1);
    expect(matchVariant(spec.variants, { kind: 'keep' })).toBe(0);
  });

  it('makes labels from keys', () => {
    expect(humanize('customerOrderNo')).toBe('Customer order no');
    expect(humanize('notify_url')).toBe('Notify url');
  });
});
