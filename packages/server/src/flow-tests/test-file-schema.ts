const valueCheck = {
  equals: { description: 'The value, exactly.' },
  contains: { description: 'A subset: listed object keys must match (recursively), arrays item by item.' },
  satisfies: {
    type: 'string',
    description: 'A JSONata predicate over the value (`$`), e.g. "=order_state = \'success\'"; true passes.',
  },
};
const mockError = {
  type: 'object',
  additionalProperties: false,
  required: ['code'],
  properties: {
    code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' },
    message: { type: 'string' },
    details: { type: 'object' },
    retryable: { type: 'boolean', description: 'false: the engine does not retry it.' },
  },
};

/**
 * The JSON Schema of a flow's test file (version 1), published as `docs/schemas/flow-tests.schema.json`
 * (a test keeps the two equal). Editors that read `$schema` complete and check test files with it.
 */
export const FLOW_TESTS_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://junction.dev/schemas/flow-tests-1.json',
  title: 'Junction flow tests',
  description:
    'Test cases of one flow: trigger input, mocks by node id, callbacks at virtual times, expectations.',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'cases'],
  properties: {
    $schema: { type: 'string' },
    schemaVersion: { const: 1 },
    flow: {
      type: 'string',
      description: 'The flow file, relative to this file. Default: this name without .tests.',
    },
    vars: { type: 'object', description: 'Flow variables of every case, over the flow’s own.' },
    cases: { type: 'array', minItems: 1, items: { $ref: '#/definitions/case' } },
  },
  definitions: {
    duration: {
      oneOf: [
        { type: 'integer', minimum: 0, description: 'Milliseconds.' },
        { type: 'string', pattern: '^[0-9]+(ms|s|m|h|d)$', description: 'e.g. 90s, 2m, 1h.' },
      ],
    },
    case: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'expect'],
      properties: {
        name: { type: 'string', minLength: 1 },
        description: { type: 'string' },
        trigger: { type: 'string', description: 'The trigger node to start from.' },
        input: { description: 'The trigger input, e.g. a webhook request {method, headers, query, body}.' },
        vars: { type: 'object' },
        startAt: { type: 'string', format: 'date-time', description: 'Where virtual time starts.' },
        mocks: {
          type: 'object',
          description: 'Nodes replaced, by id (subflowId/nodeId for a node of a sub-flow).',
          additionalProperties: { $ref: '#/definitions/mock' },
        },
        callbacks: { type: 'array', items: { $ref: '#/definitions/callback' } },
        expect: { $ref: '#/definitions/expect' },
      },
    },
    mock: {
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['output'],
          properties: { output: { description: 'Emitted on the node’s first port.' } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['outputs'],
          properties: { outputs: { type: 'object', description: 'Values by port.' } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['error'],
          properties: { error: mockError },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['sequence'],
          properties: {
            sequence: {
              type: 'array',
              minItems: 1,
              description: 'One mock per attempt; the last repeats.',
              items: { $ref: '#/definitions/mock' },
            },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['real'],
          properties: {
            real: { const: true, description: 'The node runs for real (e.g. against the sandbox).' },
          },
        },
      ],
    },
    callback: {
      type: 'object',
      additionalProperties: false,
      required: ['body'],
      properties: {
        at: { $ref: '#/definitions/duration' },
        during: { type: 'string', description: 'Delivered while this node runs, before its result is used.' },
        after: { type: 'string', description: 'Delivered right after this node finished.' },
        channel: { type: 'string' },
        key: { type: 'string', description: 'Default: read from the body at the await node’s keyPath.' },
        body: {},
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        query: { type: 'object', additionalProperties: { type: 'string' } },
        forged: { type: 'boolean', description: 'Its signature does not verify: refused, never delivered.' },
      },
    },
    valueCheck: { type: 'object', additionalProperties: false, properties: valueCheck },
    expect: {
      type: 'object',
      additionalProperties: false,
      properties: {
        status: { enum: ['succeeded', 'failed', 'waiting', 'cancelled'] },
        error: { description: 'The run’s error, as a subset (e.g. {"code": "JX_USER_OUT_OF_STOCK"}).' },
        output: { $ref: '#/definitions/valueCheck' },
        response: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'integer' },
            body: { $ref: '#/definitions/valueCheck' },
            headers: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
        nodes: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            properties: {
              ...valueCheck,
              port: { type: 'string' },
              times: { type: 'integer', minimum: 0, description: 'How many times the node started.' },
            },
          },
        },
        ran: { type: 'array', items: { type: 'string' } },
        notRan: { type: 'array', items: { type: 'string' } },
        ranOnce: { type: 'array', items: { type: 'string' } },
        callbacks: {
          type: 'array',
          items: { enum: ['matched', 'early', 'duplicate', 'late', 'rejected'] },
        },
      },
    },
  },
} as const;
