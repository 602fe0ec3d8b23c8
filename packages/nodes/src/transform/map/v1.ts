import { defineNode, type Json } from '@junction/runtime';
import { inputInvalid } from '../../control/support/node-errors.ts';
import { labelledEnum } from '../../control/support/schema-helpers.ts';
import { evaluateTemplate } from './evaluate-template.ts';

/** Config of `transform.map` v1. */
export type MapConfig = {
  /** A JSONata expression, or an object/array template with `=` expressions inside. */
  mapping: Json;
  /** `whole`: map the input once; `each`: the input is an array, map every item. */
  mode?: 'whole' | 'each';
};

/**
 * Reshapes data with JSONata. `mapping` is a raw config key: the node evaluates it itself so that in
 * `each` mode `$` is the item (with `$index`), not the whole input.
 */
export const mapNode = defineNode<MapConfig>({
  type: 'transform.map',
  version: 1,
  sideEffects: false,
  title: 'Map',
  category: 'transform',
  description: 'Reshape data with a JSONata expression or a template.',
  icon: '🔀',
  inputs: ['in'],
  outputs: ['out', 'error'],
  rawConfigKeys: ['mapping'],
  config: {
    type: 'object',
    required: ['mapping'],
    additionalProperties: false,
    properties: {
      mapping: {
        title: 'Mapping',
        description:
          'A JSONata expression starting with = over the input ($), e.g. `=items.{"sku": id}`, ' +
          'or an object whose = strings are expressions and other values are kept as written.',
        'x-expression': true,
        examples: ['=items.{"sku": id, "qty": quantity}', { orderNo: '=customer_order_no', source: 'shop' }],
      },
      mode: labelledEnum(
        [
          ['whole', 'Map the whole input once'],
          ['each', 'Map each item of an input array ($ is the item, $index its position)'],
        ],
        {
          title: 'Mode',
          description: 'Map the input as one value, or map every item of an input array into an array.',
          default: 'whole',
        },
      ),
    },
  },
  async run(ctx) {
    const { mapping, mode = 'whole' } = ctx.config;
    if (mode === 'whole') return { out: await evaluateTemplate(ctx, mapping, ctx.input, {}) };
    if (!Array.isArray(ctx.input)) throw inputInvalid('input', 'an array in "each" mode', ctx.input);
    const out: Json[] = [];
    for (const [index, item] of ctx.input.entries()) {
      out.push(await evaluateTemplate(ctx, mapping, item, { index }, `mapping (item ${index})`));
    }
    return { out };
  },
});
