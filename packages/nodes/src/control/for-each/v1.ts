import { defineNode, type ErrorInfo, type Json, JunctionError } from '@junction/runtime';
import { configInvalid, inputInvalid } from '../support/node-errors.ts';
import { labelledEnum } from '../support/schema-helpers.ts';
import { resolveSubflowRef, subflowSchema } from '../support/subflow-ref.ts';
import { runPool } from './run-pool.ts';

/** Config of `flow.forEach` v1. */
export type ForEachConfig = {
  /** The array to iterate, usually an expression such as `=orders`. */
  items: Json;
  /** Raw: `{flowId, version?}` or `{document}`. */
  subflow: Json;
  /** Raw expression building each sub-flow's input; `$` is the item, `$index` its position. */
  itemInput?: string;
  concurrency?: number;
  onItemError?: 'collect' | 'fail';
};

/** A failed item, as listed in `failures`. */
export type ForEachFailure = { index: number; runId: string | null; error: ErrorInfo };

const MAX_CONCURRENCY = 50;

/**
 * Runs a sub-flow per item with a concurrency limit. Each child run is keyed by the item's index, so
 * after a crash the same children are found again instead of being started twice. `results` is
 * aligned with `items` (null where an item failed); `failures` lists the failed items.
 */
export const forEachNode = defineNode<ForEachConfig>({
  type: 'flow.forEach',
  version: 1,
  title: 'For each',
  category: 'control',
  description: 'Run a sub-flow for every item of an array, a few at a time.',
  icon: '🔁',
  inputs: ['in'],
  outputs: ['out', 'error'],
  rawConfigKeys: ['subflow', 'itemInput'],
  config: {
    type: 'object',
    required: ['items', 'subflow'],
    additionalProperties: false,
    properties: {
      items: {
        title: 'Items',
        description: 'The array to iterate; usually an expression.',
        'x-expression': true,
        examples: ['=orders', '=$nodes.fetchProducts.out.result.goods'],
      },
      subflow: subflowSchema,
      itemInput: {
        type: 'string',
        title: 'Sub-flow input',
        description:
          "Expression building each run's input ($ = the item, $index = its position). Default: the item.",
        examples: ['={"sku": id, "position": $index}'],
      },
      concurrency: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_CONCURRENCY,
        title: 'Concurrency',
        description: 'How many sub-flow runs may be in progress at once.',
        default: 4,
      },
      onItemError: labelledEnum(
        [
          ['collect', 'Collect failures and continue'],
          ['fail', 'Stop and fail on the first failed item'],
        ],
        {
          title: 'When an item fails',
          description:
            'Collect failures in "failures" and carry on, or stop starting items and fail the node (→ "error").',
          default: 'collect',
        },
      ),
    },
  },
  outputSchema: {
    out: {
      type: 'object',
      properties: {
        results: { type: 'array' },
        failures: { type: 'array', items: { type: 'object' } },
        succeeded: { type: 'integer' },
        failed: { type: 'integer' },
      },
    },
  },
  async run(ctx) {
    const { items, itemInput, concurrency = 4, onItemError = 'collect' } = ctx.config;
    if (!Array.isArray(items)) throw inputInvalid('items', 'an array', items);
    if (itemInput !== undefined && typeof itemInput !== 'string') {
      throw configInvalid('itemInput', 'must be an expression string.');
    }
    const ref = await resolveSubflowRef(ctx, ctx.config.subflow);
    const results: Json[] = items.map(() => null);
    const failures: ForEachFailure[] = [];
    const limit = Math.min(Math.max(Math.trunc(concurrency), 1), MAX_CONCURRENCY);
    await runPool(
      items.length,
      limit,
      async (index) => {
        const item = items[index] ?? null;
        const input = itemInput ? await ctx.evaluate(itemInput, item, { index }) : item;
        const result = await ctx.subflow(ref, input, { key: String(index), signal: ctx.signal });
        if (result.status === 'succeeded') results[index] = result.output;
        else {
          const error = result.error ?? {
            code: 'JX_SUBFLOW_CANCELLED',
            message: 'The sub-flow run was cancelled.',
          };
          failures.push({ index, runId: result.runId, error });
        }
      },
      () => ctx.signal.aborted || (onItemError === 'fail' && failures.length > 0),
    );
    if (ctx.signal.aborted) {
      throw new JunctionError('JX_NODE_ABORTED', 'For each stopped: the run was cancelled or timed out.', {
        reason: String(ctx.signal.reason ?? 'aborted'),
      });
    }
    failures.sort((a, b) => a.index - b.index);
    const first = failures[0];
    if (onItemError === 'fail' && first) {
      throw new JunctionError(
        'JX_FOREACH_ITEM_FAILED',
        `Item ${first.index} failed in its sub-flow run ${first.runId}: ${first.error.code} ${first.error.message}`,
        { index: first.index, runId: first.runId, error: first.error },
      );
    }
    return {
      // ErrorInfo details are JSON by contract (journals store them), the type just says `unknown`.
      out: {
        results,
        failures,
        succeeded: items.length - failures.length,
        failed: failures.length,
      } as unknown as Json,
    };
  },
});
