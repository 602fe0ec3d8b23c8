import { defineNode, type JsonObject } from '@junction/runtime';
import { validatePayload } from './validate-payload.ts';

/** Config of `trigger.manual` v1. */
export type ManualTriggerConfig = {
  /** JSON Schema the run input must match; `{}` accepts anything. */
  inputSchema?: JsonObject;
  /** Example input, offered by the editor's "Run" dialog. */
  exampleInput?: JsonObject;
};

/** Starts a flow by hand (editor, API, CLI) with an input checked against a declared schema. */
export const manualTrigger = defineNode<ManualTriggerConfig>({
  type: 'trigger.manual',
  version: 1,
  sideEffects: false,
  title: 'Manual trigger',
  category: 'trigger',
  description: 'Start the flow from the editor, the API or the CLI with a checked input.',
  icon: '▶️',
  trigger: true,
  inputs: [],
  outputs: ['out'],
  config: {
    type: 'object',
    additionalProperties: false,
    properties: {
      inputSchema: {
        type: 'object',
        title: 'Input schema',
        description: 'JSON Schema the run input must match. Leave empty to accept any input.',
        default: {},
        examples: [
          {
            type: 'object',
            required: ['customer_order_no'],
            properties: { customer_order_no: { type: 'string' }, amount: { type: 'number', minimum: 0 } },
          },
        ],
      },
      exampleInput: {
        type: 'object',
        title: 'Example input',
        description: 'Pre-filled in the Run dialog; also drives expression completion downstream.',
        examples: [{ customer_order_no: 'A-1001', amount: 50 }],
      },
    },
  },
  run(ctx) {
    const schema = ctx.config.inputSchema;
    if (schema && Object.keys(schema).length > 0) validatePayload(schema, ctx.input);
    return { out: ctx.input };
  },
});
