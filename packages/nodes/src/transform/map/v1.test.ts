import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { type MapConfig, mapNode } from './v1.ts';

async function map(config: MapConfig, input: unknown) {
  const { ctx } = createTestContext({ config, input: input as never });
  return mapNode.run(ctx);
}

describe('transform.map', () => {
  const input = {
    items: [
      { id: 'a', price: 1.5 },
      { id: 'b', price: 2 },
    ],
    shop: 'S1',
  };

  it('evaluates one expression over the whole input; a string without = is a literal', async () => {
    expect(await map({ mapping: '=items.{"sku": id, "cents": price * 100}' }, input)).toEqual({
      out: [
        { sku: 'a', cents: 150 },
        { sku: 'b', cents: 200 },
      ],
    });
    expect(await map({ mapping: '$count(items)' }, input)).toEqual({ out: '$count(items)' });
  });

  it('fills an object template, keeping literals as written', async () => {
    expect(
      await map({ mapping: { shop: '=shop', source: 'junction', n: 3, ids: ['=items[0].id', 'x'] } }, input),
    ).toEqual({
      out: { shop: 'S1', source: 'junction', n: 3, ids: ['a', 'x'] },
    });
  });

  it('maps each item of an array with $index in each mode', async () => {
    expect(await map({ mode: 'each', mapping: '={"pos": $index, "sku": id}' }, input.items)).toEqual({
      out: [
        { pos: 0, sku: 'a' },
        { pos: 1, sku: 'b' },
      ],
    });
  });

  it('fails with a coded error naming the field', async () => {
    await expect(map({ mode: 'each', mapping: '=id' }, { not: 'an array' })).rejects.toMatchObject({
      code: 'JX_INPUT_INVALID',
      message: 'input must be an array in "each" mode, got object.',
    });
    await expect(map({ mapping: { total: '=$sum(' } }, input)).rejects.toMatchObject({
      code: 'JX_EXPRESSION_FAILED',
      details: { field: 'mapping.total' },
    });
  });
});
