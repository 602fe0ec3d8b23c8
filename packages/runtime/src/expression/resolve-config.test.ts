import { describe, expect, it } from 'vitest';
import { hasExpressions, type JsonObject, JunctionError, resolveConfig } from '../index.ts';

const bindings = { nodes: { a: { out: { id: 7 } } }, trigger: { no: 'X' }, vars: {}, run: {} };

async function failure(promise: Promise<unknown>): Promise<JunctionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JunctionError);
  return error as JunctionError;
}

describe('resolveConfig', () => {
  it('returns a config without expressions as is', async () => {
    const config = { url: 'https://x', body: { a: [1, 'b'] } };
    expect(await resolveConfig(config, bindings, { nodeId: 'n' })).toBe(config);
    expect(hasExpressions(config)).toBe(false);
  });

  it('resolves expressions deeply without mutating the config', async () => {
    const config: JsonObject = {
      url: 'https://x',
      body: { amount: '=price * qty', list: ['=$trigger.no', 'plain', { id: '=$nodes.a.out.id' }] },
      untouched: { a: 1 },
    };
    const before = structuredClone(config);
    const resolved = await resolveConfig(config, bindings, { nodeId: 'n', input: { price: 2, qty: 3 } });
    expect(resolved).toEqual({
      url: 'https://x',
      body: { amount: 6, list: ['X', 'plain', { id: 7 }] },
      untouched: { a: 1 },
    });
    expect(config).toEqual(before);
    expect(resolved.untouched).toBe(config.untouched);
  });

  it('takes the document from bindings.input when no input option is given', async () => {
    expect(await resolveConfig({ v: '=$.x' }, { ...bindings, input: { x: 1 } })).toEqual({ v: 1 });
    expect(await resolveConfig({ v: '=$' }, bindings)).toEqual({ v: null });
  });

  it('leaves skipped keys alone', async () => {
    const config = { each: '=$item.x', label: '=$trigger.no' };
    expect(await resolveConfig(config, bindings, { skipKeys: ['each'] })).toEqual({
      each: '=$item.x',
      label: 'X',
    });
    const onlySkipped = { each: '=$item.x' };
    expect(await resolveConfig(onlySkipped, bindings, { skipKeys: ['each'] })).toBe(onlySkipped);
    expect(hasExpressions(onlySkipped, ['each'])).toBe(false);
  });

  it('names the node and config pointer when an expression fails', async () => {
    const config = { body: { 'a/b': ['ok', '=$number("x1")'] } };
    const error = await failure(resolveConfig(config, bindings, { nodeId: 'createOrder' }));
    expect(error.code).toBe('JX_EXPRESSION_FAILED');
    expect(error.details).toMatchObject({ nodeId: 'createOrder', pointer: '/body/a~1b/1' });
    expect(error.message).toContain('createOrder');
    expect(error.message).toContain('/body/a~1b/1');
  });

  it('reports a syntax error with node and pointer only when the field is resolved', async () => {
    const config = { good: '=1', bad: '=(' };
    const error = await failure(resolveConfig(config, bindings, { nodeId: 'n2' }));
    expect(error.code).toBe('JX_EXPRESSION_SYNTAX');
    expect(error.details).toMatchObject({ nodeId: 'n2', pointer: '/bad' });
    expect(await resolveConfig(config, bindings, { skipKeys: ['bad'] })).toEqual({ good: 1, bad: '=(' });
  });

  it('refuses secret-looking bindings', async () => {
    const error = await failure(resolveConfig({ a: '=1' }, { ...bindings, credentials: {} }));
    expect(error.code).toBe('JX_EXPRESSION_BINDING');
  });
});
