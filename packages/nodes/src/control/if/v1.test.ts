import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { ifNode } from './v1.ts';

describe('flow.if', () => {
  it.each([
    [true, 'true'],
    [false, 'false'],
    ['yes', 'true'],
    ['', 'false'],
    [0, 'false'],
    [3, 'true'],
    [null, 'false'],
    [[], 'false'],
    [[0, 1], 'true'],
    [{}, 'false'],
    [{ a: 1 }, 'true'],
  ])('routes condition %j to %s, leaving the other port dead', async (condition, port) => {
    const { ctx } = createTestContext({ config: { condition }, input: { id: 1 } });
    expect(await ifNode.run(ctx)).toEqual({ [port]: { id: 1 } });
  });
});
