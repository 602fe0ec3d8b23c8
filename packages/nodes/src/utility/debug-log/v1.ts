import { defineNode, type Json } from '@junction/runtime';
import { labelledEnum } from '../../control/support/schema-helpers.ts';

/** Config of `debug.log` v1. */
export type DebugLogConfig = {
  level?: 'debug' | 'info' | 'warn' | 'error';
  message?: string;
  /** What to log with the message; default: the node input. */
  value?: Json;
};

/**
 * Writes a line to the run journal (and the server log) and passes its input on unchanged.
 * Credential data never reaches expressions, so nothing logged here can hold a credential secret.
 */
export const debugLogNode = defineNode<DebugLogConfig>({
  type: 'debug.log',
  version: 1,
  sideEffects: false,
  title: 'Log',
  category: 'utility',
  description: 'Write a message and a value to the run log; the input passes through.',
  icon: '📝',
  inputs: ['in'],
  outputs: ['out'],
  config: {
    type: 'object',
    additionalProperties: false,
    properties: {
      level: labelledEnum(
        [
          ['debug', 'Debug'],
          ['info', 'Info'],
          ['warn', 'Warning'],
          ['error', 'Error'],
        ],
        { title: 'Level', description: 'The level of the log line in the run log.', default: 'info' },
      ),
      message: {
        type: 'string',
        title: 'Message',
        description: 'The text of the log line; may be an expression.',
        default: 'debug',
        examples: ['Order created', '="Order " & customer_order_no & " created"'],
      },
      value: {
        title: 'Value',
        description: 'Logged with the message. Default: the node input.',
        'x-expression': true,
        examples: ['=$nodes.createOrder.out'],
      },
    },
  },
  run(ctx) {
    const level = ctx.config.level ?? 'info';
    const log = ctx.log[level] ?? ctx.log.info;
    const value = ctx.config.value === undefined ? ctx.input : ctx.config.value;
    log(typeof ctx.config.message === 'string' ? ctx.config.message : 'debug', { value });
    return { out: ctx.input };
  },
});
