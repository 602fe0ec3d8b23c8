import type { JsonSchema } from '../node/node-type.ts';

/** The `$id` of the flow document v1 schema. */
export const FLOW_SCHEMA_ID = 'https://junction.dev/schemas/flow-v1.json';

/** Ids of flows, nodes, edges and credential slots: a letter, then letters, digits, `_` or `-` (≤ 64). */
export const SLUG_PATTERN = '^[A-Za-z][A-Za-z0-9_-]{0,63}$';

/** Node type names: dotted identifiers such as `http.request` or `cardPlatform.createOrder`. */
export const NODE_TYPE_PATTERN = '^[a-z][A-Za-z0-9_-]*(\\.[A-Za-z][A-Za-z0-9_-]*)*$';

const DAY_MS = 86_400_000;

const slug = { type: 'string', pattern: SLUG_PATTERN };

/**
 * The flow document v1 as a JSON Schema (draft-07, what ajv 8 uses by default). It is the single
 * source of truth: the editor, the server and the CLI validate with it, and `FlowDocument` in
 * flow-types.ts matches it (a test checks both agree). Free-form parts (`config`, `annotations`,
 * `settings.variables`) are any JSON object; node configs are checked by each node type's own schema.
 */
export const flowSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: FLOW_SCHEMA_ID,
  title: 'Junction flow document v1',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'id', 'name', 'nodes', 'edges'],
  properties: {
    schemaVersion: { const: 1 },
    id: slug,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 10_000 },
    nodes: { type: 'array', items: { $ref: '#/definitions/node' } },
    edges: { type: 'array', items: { $ref: '#/definitions/edge' } },
    settings: { $ref: '#/definitions/settings' },
    annotations: { type: 'object' },
  },
  definitions: {
    node: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'type', 'typeVersion', 'position', 'config'],
      properties: {
        id: slug,
        type: { type: 'string', pattern: NODE_TYPE_PATTERN, maxLength: 100 },
        typeVersion: { type: 'integer', minimum: 1 },
        name: { type: 'string', maxLength: 200 },
        position: {
          type: 'object',
          additionalProperties: false,
          required: ['x', 'y'],
          properties: { x: { type: 'number' }, y: { type: 'number' } },
        },
        config: { type: 'object' },
        credentials: {
          type: 'object',
          propertyNames: { pattern: SLUG_PATTERN },
          additionalProperties: { type: 'string', minLength: 1, maxLength: 200 },
        },
        retry: { $ref: '#/definitions/retry' },
        timeoutMs: { type: 'integer', minimum: 1, maximum: DAY_MS },
        expressionLimits: { $ref: '#/definitions/expressionLimits' },
        onError: { enum: ['fail', 'continue', 'route'] },
        disabled: { type: 'boolean' },
        notes: { type: 'string', maxLength: 10_000 },
      },
    },
    retry: {
      type: 'object',
      additionalProperties: false,
      required: ['maxAttempts', 'backoff', 'delayMs'],
      properties: {
        maxAttempts: { type: 'integer', minimum: 1, maximum: 100 },
        backoff: { enum: ['fixed', 'exponential'] },
        delayMs: { type: 'integer', minimum: 0, maximum: DAY_MS },
        jitter: { type: 'number', minimum: 0, maximum: 1 },
        maxDelayMs: { type: 'integer', minimum: 0, maximum: DAY_MS },
      },
    },
    expressionLimits: {
      type: 'object',
      additionalProperties: false,
      description: "Lowers the server's expression limits for this node's expressions; never raises them.",
      properties: {
        timeoutMs: { type: 'integer', minimum: 1 },
        maxDepth: { type: 'integer', minimum: 1 },
        maxSequence: { type: 'integer', minimum: 1 },
      },
    },
    edge: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'source', 'target'],
      properties: {
        id: slug,
        source: { $ref: '#/definitions/portRef' },
        target: { $ref: '#/definitions/portRef' },
      },
    },
    portRef: {
      type: 'object',
      additionalProperties: false,
      required: ['node', 'port'],
      properties: {
        node: { type: 'string', minLength: 1, maxLength: 200 },
        port: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
    settings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        runTimeoutMs: { type: 'integer', minimum: 1 },
        concurrency: { type: 'integer', minimum: 1, maximum: 1000 },
        variables: { type: 'object' },
        maxOutputBytes: { type: 'integer', minimum: 1 },
      },
    },
  },
};
