import type { FlowDocument, Json, JsonSchema, NodeContext, SubflowRef } from '@junction/runtime';
import { configInvalid, isJsonObject, jsonTypeOf } from './node-errors.ts';

/**
 * Config schema of a sub-flow reference: a stored flow by id (its deployed version unless a version
 * is pinned) or a whole flow document inline. Kept raw (`rawConfigKeys`) so the engine does not
 * resolve the inline document's own `=` expressions against the parent's data.
 */
export const subflowSchema: JsonSchema = {
  title: 'Sub-flow',
  description: 'The flow to run: a stored flow by id, or a flow document written inline.',
  oneOf: [
    {
      title: 'Stored flow',
      type: 'object',
      required: ['flowId'],
      additionalProperties: false,
      properties: {
        flowId: {
          type: 'string',
          title: 'Flow id',
          description: 'Id of a saved flow; its deployed version runs unless a version is pinned.',
          examples: ['deliver-order'],
        },
        version: { type: 'integer', minimum: 1, title: 'Pinned version', description: 'Optional.' },
      },
    },
    {
      title: 'Inline flow',
      type: 'object',
      required: ['document'],
      additionalProperties: false,
      properties: {
        document: { type: 'object', title: 'Flow document', description: 'A complete flow document (v1).' },
      },
    },
  ],
};

/**
 * Turns the raw `subflow` config into a {@link SubflowRef}. A `flowId` may itself be an expression
 * (e.g. `=$vars.deliveryFlow`), evaluated here because the key is raw.
 */
export async function resolveSubflowRef(ctx: NodeContext, raw: Json | undefined): Promise<SubflowRef> {
  if (!isJsonObject(raw)) {
    throw configInvalid('subflow', `expected {flowId} or {document}, got ${jsonTypeOf(raw)}.`);
  }
  if (isJsonObject(raw.document)) {
    return { document: raw.document as unknown as FlowDocument };
  }
  let flowId: Json | undefined = raw.flowId;
  if (typeof flowId === 'string' && flowId.startsWith('=')) flowId = await ctx.evaluate(flowId);
  if (typeof flowId !== 'string' || flowId === '') {
    throw configInvalid('subflow.flowId', `must be a non-empty flow id, got ${jsonTypeOf(flowId)}.`);
  }
  const version = raw.version;
  return typeof version === 'number' ? { flowId, version } : { flowId };
}
