import { defineNode, type Json } from '@junction/runtime';
import { configInvalid, isJsonObject } from '../support/node-errors.ts';

/** Config of `flow.respond` v1. */
export type RespondConfig = {
  status?: number;
  headers?: { [name: string]: string };
  /** Default: this node's input. */
  body?: Json;
};

/**
 * Answers the webhook that started the run (trigger response mode "From a Respond node") and passes
 * its input on, so the flow can keep working after the caller has its answer.
 */
export const respondNode = defineNode<RespondConfig>({
  type: 'flow.respond',
  version: 1,
  title: 'Respond to webhook',
  category: 'control',
  description: 'Send the HTTP response of the webhook that started this run.',
  icon: '↩️',
  inputs: ['in'],
  outputs: ['out'],
  config: {
    type: 'object',
    additionalProperties: false,
    properties: {
      status: {
        type: 'integer',
        minimum: 100,
        maximum: 599,
        title: 'Status',
        description: 'The HTTP status the webhook caller gets.',
        default: 200,
      },
      headers: {
        type: 'object',
        additionalProperties: { type: 'string' },
        title: 'Headers',
        description:
          'Response headers; without a content-type, text bodies go as text/plain and others as JSON.',
        examples: [{ 'content-type': 'text/plain' }],
      },
      body: {
        title: 'Body',
        description: 'JSON or text. Default: the node input.',
        'x-expression': true,
        examples: ['success', '={"orderNo": customer_order_no, "state": "accepted"}'],
      },
    },
  },
  run(ctx) {
    const status = ctx.config.status ?? 200;
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw configInvalid('status', `must be an HTTP status between 100 and 599, got ${String(status)}.`);
    }
    const headers = ctx.config.headers;
    if (headers !== undefined && !isJsonObject(headers)) throw configInvalid('headers', 'must be an object.');
    const body = ctx.config.body === undefined ? ctx.input : ctx.config.body;
    ctx.respond({ status, ...(headers ? { headers } : {}), body });
    return { out: ctx.input };
  },
});
