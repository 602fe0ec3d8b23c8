import { defineNode, type Json, JunctionError } from '@junction/runtime';
import { configInvalid } from '../support/node-errors.ts';

/** Config of `flow.fail` v1. */
export type FailConfig = {
  /** Upper-case code, e.g. `REFUND_REQUIRED`; the run fails with `JX_USER_REFUND_REQUIRED`. */
  code: string;
  message: string;
  /** Extra JSON attached to the error's details. */
  details?: Json;
};

const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** The run error code for a user code: `REFUND_REQUIRED` → `JX_USER_REFUND_REQUIRED` (idempotent). */
export function userErrorCode(code: string): string {
  const bare = code.trim().replace(/^JX_USER_/, '');
  if (!CODE.test(bare)) {
    throw configInvalid('code', `"${code}" must be upper-case letters, digits and _ (e.g. REFUND_REQUIRED).`);
  }
  return `JX_USER_${bare}`;
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
        description: 'Upper-case; the run fails with JX_USER_<code>.',
        pattern: '^(JX_USER_)?[A-Z][A-Z0-9_]{0,63}$',
        default: 'FLOW_FAILED',
        examples: ['REFUND_REQUIRED', 'OUT_OF_STOCK'],
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
    const code = userErrorCode(ctx.config.code);
    const message = typeof ctx.config.message === 'string' ? ctx.config.message : String(ctx.config.message);
    throw new JunctionError(code, message, {
      userCode: code.slice('JX_USER_'.length),
      nodeId: ctx.node.id,
      ...(ctx.config.details === undefined ? {} : { data: ctx.config.details }),
    });
  },
});
