/** JSON Schemas shared by route declarations (they also feed the OpenAPI document). */

/** `:id` of a flow, run, credential or token. */
export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

/** A flow document as a request body; the runtime's validator checks it in full. */
export const flowBody = {
  type: 'object',
  // No `required` here: a document missing parts is an invalid *flow* (422 with every problem and its
  // pointer, from the runtime's validator), not a malformed request.
  description: 'A flow document (schemaVersion 1); validated in full by the runtime (422 JX_FLOW_INVALID).',
  properties: {
    schemaVersion: { type: 'integer' },
    id: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    nodes: { type: 'array', items: { type: 'object' } },
    edges: { type: 'array', items: { type: 'object' } },
    settings: { type: 'object' },
    annotations: { type: 'object' },
  },
} as const;

/** A canary in a deploy request. */
export const canarySchema = {
  type: 'object',
  required: ['version', 'percent'],
  additionalProperties: false,
  properties: {
    version: { type: 'integer', minimum: 1 },
    percent: { type: 'number', minimum: 0, maximum: 100 },
    match: { type: 'string', description: 'JSONata over the trigger payload; must be true for the canary.' },
    routingKey: { type: 'string', description: 'JSONata over the trigger payload; default the run id.' },
    rollback: {
      type: 'object',
      description:
        "Automatic rollback: drop the canary when its failure rate exceeds main's by more than the given points over at least minRuns finished canary runs.",
      required: ['maxFailureRateDeltaPoints', 'minRuns'],
      additionalProperties: false,
      properties: {
        maxFailureRateDeltaPoints: { type: 'number', minimum: 0, maximum: 100 },
        minRuns: { type: 'integer', minimum: 1 },
      },
    },
  },
} as const;

/** `preValidation` hook for routes whose body is optional: no body validates as `{}`. */
export async function optionalBody(request: { body: unknown }): Promise<void> {
  request.body ??= {};
}
