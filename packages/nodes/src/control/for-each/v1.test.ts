import type { Json, SubflowRef, SubflowResult } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { type ForEachConfig, forEachNode } from './v1.ts';

/** A stand-in for the engine's sub-flow runner: doubles numbers, fails on negatives. */
function fakeSubflows(delayMs = 5) {
  const calls: { ref: SubflowRef; input: Json; key: string }[] = [];
  let active = 0;
  let peak = 0;
  const subflow = async (ref: SubflowRef, input: Json, options: { key: string }): Promise<SubflowResult> => {
    calls.push({ ref, input, key: options.key });
    active++;
    peak = Math.max(peak, active);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    active--;
    const runId = `child-${options.key}`;
    if (typeof input === 'number' && input < 0) {
      return {
        runId,
        status: 'failed',
        output: null,
        error: { code: 'JX_USER_NEGATIVE', message: 'negative' },
      };
    }
    return { runId, status: 'succeeded', output: typeof input === 'number' ? input * 2 : input };
  };
  return { calls, subflow, peak: () => peak };
}

async function forEach(config: ForEachConfig, fake = fakeSubflows()) {
  const { ctx } = createTestContext({ config, subflow: fake.subflow });
  return forEachNode.run(ctx);
}

describe('flow.forEach', () => {
  it('runs one keyed sub-flow per item within the concurrency limit', async () => {
    const fake = fakeSubflows();
    const items = [1, 2, 3, 4, 5, 6, 7];
    const result = await forEach({ items, subflow: { flowId: 'double' }, concurrency: 3 }, fake);
    expect(result).toEqual({
      out: { results: [2, 4, 6, 8, 10, 12, 14], failures: [], succeeded: 7, failed: 0 },
    });
    expect(fake.peak()).toBe(3);
    expect(fake.calls.map((call) => call.key).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(fake.calls[0]?.ref).toEqual({ flowId: 'double' });
  });

  it('collects per-item failures with the child run and error', async () => {
    const result = await forEach({ items: [1, -1, 3, -4], subflow: { flowId: 'double' } });
    expect(result).toEqual({
      out: {
        results: [2, null, 6, null],
        failures: [
          { index: 1, runId: 'child-1', error: { code: 'JX_USER_NEGATIVE', message: 'negative' } },
          { index: 3, runId: 'child-3', error: { code: 'JX_USER_NEGATIVE', message: 'negative' } },
        ],
        succeeded: 2,
        failed: 2,
      },
    });
  });

  it('stops starting items after the first failure in "fail" mode', async () => {
    const fake = fakeSubflows();
    await expect(
      forEach(
        { items: [-1, 2, 3, 4, 5], subflow: { flowId: 'double' }, concurrency: 1, onItemError: 'fail' },
        fake,
      ),
    ).rejects.toMatchObject({ code: 'JX_FOREACH_ITEM_FAILED', details: { index: 0, runId: 'child-0' } });
    expect(fake.calls).toHaveLength(1);
  });

  it('builds each input with itemInput and passes inline documents untouched', async () => {
    const fake = fakeSubflows(0);
    const document = { schemaVersion: 1, id: 'inline', name: 'Inline', nodes: [], edges: [] };
    await forEach(
      { items: ['a', 'b'], subflow: { document }, itemInput: '={"sku": $, "pos": $index}' },
      fake,
    );
    expect(fake.calls.map((call) => call.input)).toEqual([
      { sku: 'a', pos: 0 },
      { sku: 'b', pos: 1 },
    ]);
    expect(fake.calls[0]?.ref).toEqual({ document });
  });

  it('handles an empty array and rejects a non-array with a coded error', async () => {
    expect(await forEach({ items: [], subflow: { flowId: 'x' } })).toEqual({
      out: { results: [], failures: [], succeeded: 0, failed: 0 },
    });
    await expect(forEach({ items: 'abc', subflow: { flowId: 'x' } })).rejects.toMatchObject({
      code: 'JX_INPUT_INVALID',
      message: 'items must be an array, got string.',
    });
    await expect(forEach({ items: [1], subflow: { nope: true } })).rejects.toMatchObject({
      code: 'JX_CONFIG_INVALID',
      details: { field: 'subflow.flowId' },
    });
  });
});
