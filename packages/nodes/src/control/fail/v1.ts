import { defineNode, type Json, JunctionError } from '@junction/runtime';
import { configInvalid, jsonTypeOf } from '../support/node-errors.ts';

/** Config of `flow.fail` v1 (`code` and `message` may be expressions, resolved by the engine). */
export type FailConfig = {
  /** Upper-case code, e.g. `REFUND_REQUIRED`; the run fails with `JX_USER_REFUND_REQUIRED`. */
  code: Json;
  message: Json;
  /** Extra JSON attached to the error's details. */
  details?: Json;
};

const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * The run error code for a user code: `REFUND_REQUIRED` → `JX_USER_REFUND_REQUIRED` (idempotent).
 * A code computed by an expression (a supplier's result code mapped to the shop's) may break the
 * pattern: that is `JX_CONFIG_INVALID` naming the node (`nodeId`), never an uncoded error.
 */
export function userErrorCode(code: Json, nodeId?: string): string {
  const bare = typeof code === 'string' ? code.trim().replace(/^JX_USER_/, '') : undefined;
  if (bare === undefined || !CODE.test(bare)) {
    const got = typeof code === 'string' ? `"${code.slice(0, 80)}"` : `a ${jsonTypeOf(code)}`;
    const where = nodeId === undefined ? '' : `node ${nodeId}: `;
    throw configInvalid(
      'code',
      `${where}${got} is not an error code; it must be upper-case letters, digits and _ (e.g. REFUND_REQUIRED). When the code is an expression, map every value it can take (e.g. with $lookup and a default).`,
      nodeId === undefined ? {} : { nodeId },
    );
  }
  return `JX_USER_${bare}`;
}

/** The message as text: a computed object or number is shown as JSON, never `[object Object]`. */
function messageText(message: Json): string {
  if (typeof message === 'string') return message;
  return message === null || message === undefined ? '' : JSON.stringify(message);
}

/**
 * Ends the run with the user's error code and message. User codes live under `JX_USER_` so they can
 * never be mistaken for (or impersonate) an engine error code.
 */
export const failNode = defineNode<FailConfig>({
  type: 'flow.fail',
  version: 1,
  sideEffects: false,
  title: 'Fail',
  category: 'control',
  description: 'Stop the run with an error code and message of your own.',
  icon: '⛔',
  inputs: ['in'],
  outputs: [],
  config: {
    type: 'object',
    required: ['code', 'message'],
    additionalProperties: false,
    properties: {
      code: {
        type: 'string',
        title: 'Error code',
        description:
          "Upper-case; the run fails with JX_USER_<code>. May be an expression, e.g. mapping a supplier's result code to your own; a computed value that is not an upper-case code fails the run with JX_CONFIG_INVALID naming this node.",
        pattern: '^(JX_USER_)?[A-Z][A-Z0-9_]{0,63}$',
        default: 'FLOW_FAILED',
        examples: [
          'REFUND_REQUIRED',
          'OUT_OF_STOCK',
          "=details.supplierCode = '1002' ? 'OUT_OF_STOCK' : 'SUPPLIER_REJECTED'",
        ],
      },
      message: {
        type: 'string',
        title: 'Message',
        description: 'Tell whoever reads it what to do; may be an expression.',
        default: 'The flow stopped here on purpose; see the run for the input that led to it.',
        examples: ['Order A-1001 was charged but not delivered: refund it.'],
      },
      details: { title: 'Details', description: 'Extra JSON kept with the error.', 'x-expression': true },
    },
  },
  run(ctx) {
    const code = userErrorCode(ctx.config.code, ctx.node.id);
    const message = messageText(ctx.config.message);
    throw new JunctionError(code, message, {
      userCode: code.slice('JX_USER_'.length),
      nodeId: ctx.node.id,
      ...(ctx.config.details === undefined ? {} : { data: ctx.config.details }),
    });
  },
});
