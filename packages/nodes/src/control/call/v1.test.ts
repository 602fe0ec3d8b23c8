import type { Json, SubflowRef, SubflowResult } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { type CallConfig, callNode } from './v1.ts';

function call(config: CallConfig, result: Omit<SubflowResult, 'runId'>) {
  const seen: { ref: SubflowRef; input: Json; key: string }[] = [];
  const { ctx } = createTestContext({
    config,
    input: { order: 'A-1' },
    subflow: async (ref, input, options) => {
      seen.push({ ref, input, key: options.key });
      return { runId: 'child-1', ...result };
    },
    evaluate: async () => 'flow-from-expression',
  });
  return { seen, result: callNode.run(ctx) };
}

describe('flow.call', () => {
  it("runs the sub-flow with the node's input and emits its output", async () => {
    const { seen, result } = call(
      { subflow: { flowId: 'deliver', version: 3 } },
      { status: 'succeeded', output: 7 },
    );
    expect(await result).toEqual({ out: 7 });
    expect(seen).toEqual([{ ref: { flowId: 'deliver', version: 3 }, input: { order: 'A-1' }, key: 'call' }]);
  });

  it('uses the configured input and evaluates an expression flow id', async () => {
    const { seen, result } = call(
      { subflow: { flowId: '=$vars.flow' }, input: { x: 1 } },
      { status: 'succeeded', output: null },
    );
    await result;
    expect(seen[0]).toMatchObject({ ref: { flowId: 'flow-from-expression' }, input: { x: 1 } });
  });

  it('fails with JX_SUBFLOW_FAILED carrying the child error', async () => {
    const { result } = call(
      { subflow: { flowId: 'deliver' } },
      { status: 'failed', output: null, error: { code: 'JX_USER_NO_STOCK', message: 'No stock.' } },
    );
    await expect(result).rejects.toMatchObject({
      code: 'JX_SUBFLOW_FAILED',
      details: { runId: 'child-1', status: 'failed', error: { code: 'JX_USER_NO_STOCK' } },
    });
  });
});
