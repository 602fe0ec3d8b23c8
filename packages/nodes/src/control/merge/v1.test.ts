import { portsOf } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { type MergeConfig, mergeNode } from './v1.ts';

async function merge(config: MergeConfig, inputs: Record<string, unknown>) {
  const { ctx } = createTestContext({ config, inputs: inputs as never });
  return mergeNode.run(ctx);
}

describe('flow.merge', () => {
  it('derives a, b, c… inputs from the count, clamped to 2..10', () => {
    expect(portsOf(mergeNode, { inputs: 3 })).toEqual({ inputs: ['a', 'b', 'c'], outputs: ['out'] });
    expect(portsOf(mergeNode, {}).inputs).toEqual(['a', 'b']);
    expect(portsOf(mergeNode, { inputs: 99 }).inputs).toHaveLength(10);
  });

  it('combines every live input as an object or an array, leaving dead ones out', async () => {
    expect(await merge({ inputs: 3 }, { a: 1, c: { x: 3 } })).toEqual({ out: { a: 1, c: { x: 3 } } });
    expect(await merge({ inputs: 3, output: 'array' }, { a: 1, c: 3 })).toEqual({ out: [1, 3] });
  });

  it('passes on the first live input in port order in "first" mode', async () => {
    expect(await merge({ mode: 'first' }, { b: 'from b' })).toEqual({ out: 'from b' });
    expect(await merge({ mode: 'first' }, { a: null, b: 'from b' })).toEqual({ out: null });
  });
});
