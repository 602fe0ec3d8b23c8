import { defineNode, type Json, type NodeResult } from '@junction/runtime';
import { isTruthy } from '../support/truthy.ts';

/** Config of `flow.if` v1. */
export type IfConfig = {
  /** Usually an expression, resolved before the node runs; truthiness follows JSONata's `$boolean`. */
  condition: Json;
};

/**
 * Routes the input to `true` or `false`. The other port is dead, so everything downstream of it is
 * skipped (and a `flow.merge` after both branches still runs with the live one).
 */
export const ifNode = defineNode<IfConfig>({
  type: 'flow.if',
  version: 1,
  sideEffects: false,
  title: 'If',
  category: 'control',
  description: 'Send the input to "true" or "false" depending on a condition.',
  icon: '🔱',
  inputs: ['in'],
  outputs: ['true', 'false'],
  config: {
    type: 'object',
    required: ['condition'],
    additionalProperties: false,
    properties: {
      condition: {
        title: 'Condition',
        description: 'An expression; null, false, 0, "", [] and {} count as false, anything else as true.',
        'x-expression': true,
        // A new node starts valid: routes by the input's own truthiness until a condition is written.
        default: '=$',
        examples: ["=order_state = 'success'", '=amount > 100', '=items'],
      },
    },
  },
  run(ctx): NodeResult {
    return isTruthy(ctx.config.condition) ? { true: ctx.input } : { false: ctx.input };
  },
});
