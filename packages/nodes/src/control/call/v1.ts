import { defineNode, type Json, JunctionError } from '@junction/runtime';
import { resolveSubflowRef, subflowSchema } from '../support/subflow-ref.ts';

/** Config of `flow.call` v1. */
export type CallConfig = {
  /** Raw: `{flowId, version?}` or `{document}`. */
  subflow: Json;
  /** The sub-flow's input; default: this node's input. */
  input?: Json;
};

/**
 * Runs another flow to completion and emits its output. The child run is keyed by this node, so a
 * retry or a crash recovery finds the same child instead of starting a second one.
 */
export const callNode = defineNode<CallConfig>({
  type: 'flow.call',
  version: 1,
  title: 'Call flow',
  category: 'control',
  description: 'Run another flow (a stored one or an inline one) and use its output.',
  icon: '📞',
  inputs: ['in'],
  outputs: ['out', 'error'],
  rawConfigKeys: ['subflow'],
  config: {
    type: 'object',
    required: ['subflow'],
    additionalProperties: false,
    properties: {
      subflow: subflowSchema,
      input: {
        title: 'Input',
        description: "The called flow's input. Default: this node's input.",
        'x-expression': true,
        default: '=$',
        examples: ['={"orderNo": customer_order_no}'],
      },
    },
  },
  async run(ctx) {
    const ref = await resolveSubflowRef(ctx, ctx.config.subflow);
    const input = ctx.config.input === undefined ? ctx.input : ctx.config.input;
    const result = await ctx.subflow(ref, input, { key: 'call', signal: ctx.signal });
    if (result.status !== 'succeeded') {
      const error = result.error ?? {
        code: 'JX_SUBFLOW_CANCELLED',
        message: 'The sub-flow run was cancelled.',
      };
      throw new JunctionError(
        'JX_SUBFLOW_FAILED',
        `The called flow (run ${result.runId}) ${result.status}: ${error.code} ${error.message}`,
        { runId: result.runId, status: result.status, error },
      );
    }
    return { out: result.output };
  },
});
