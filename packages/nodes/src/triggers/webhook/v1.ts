import { defineNode, type Json } from '@junction/runtime';
import { inputInvalid, isJsonObject } from '../../control/support/node-errors.ts';
import { labelledEnum } from '../../control/support/schema-helpers.ts';
import { redactHeaders } from './redact-headers.ts';

/** How the server answers the HTTP request that started the run. */
export type WebhookResponseMode = 'immediately' | 'onFinish' | 'respondNode';

/** How the server checks that a webhook request is genuine before starting a run. */
export type WebhookVerification = 'none' | 'hmac-header' | 'signature';

/** Config of `trigger.webhook` v1. */
export type WebhookTriggerConfig = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';
  path: string;
  verification?: WebhookVerification;
  responseMode?: WebhookResponseMode;
  responseStatus?: number;
  responseBody?: Json;
  /**
   * Deduplicates retried requests: `=` + JSONata over the request, or the name of a request header.
   * Requests with the same key share one run (the server derives the run id from flow id + key).
   */
  idempotencyKey?: string;
  /**
   * A typical request, for people rather than the server: the editor pre-fills it as the test input
   * and offers its fields for expression completion. Never used to answer real requests.
   */
  exampleRequest?: WebhookExampleRequest;
  /** Requests this webhook accepts per window (the server's defaults fill what is left out). */
  rateLimit?: WebhookRateLimit;
};

/** A webhook trigger's own rate limits; `0` turns one off. */
export type WebhookRateLimit = {
  /** Requests one client (IP address) may send per window. */
  perClient?: number;
  /** Requests all clients together may send per window. */
  perFlow?: number;
  /** Window length in seconds. */
  windowSeconds?: number;
};

/** An example of the request a webhook flow receives (the shape of the trigger's output, minus `path`). */
export type WebhookExampleRequest = {
  method?: string;
  headers?: { [name: string]: string };
  query?: { [name: string]: string };
  body?: Json;
};

const METHODS: [string, string][] = [
  ['POST', 'POST'],
  ['GET', 'GET'],
  ['PUT', 'PUT'],
  ['PATCH', 'PATCH'],
  ['DELETE', 'DELETE'],
  ['ANY', 'Any method'],
];

/**
 * Starts a flow from `ALL /hooks/<path>`. The server owns the HTTP side (routing, verification with
 * the `verify` credential, answering per `responseMode`); this node only hands the request on.
 */
export const webhookTrigger = defineNode<WebhookTriggerConfig>({
  type: 'trigger.webhook',
  version: 1,
  sideEffects: false,
  title: 'Webhook',
  category: 'trigger',
  description: 'Start the flow when an HTTP request arrives at /hooks/<path>.',
  icon: '🪝',
  trigger: true,
  inputs: [],
  outputs: ['out'],
  credentials: {
    verify: {
      kinds: ['hmac-header', 'signature', 'card-platform'],
      optional: true,
      title: 'Verification credential',
      description: 'Checks the signature of incoming requests; required unless verification is "none".',
    },
  },
  config: {
    type: 'object',
    required: ['path'],
    additionalProperties: false,
    properties: {
      method: labelledEnum(METHODS, {
        title: 'HTTP method',
        description: 'The method this webhook answers; other methods get 405. "Any" accepts every method.',
        default: 'POST',
      }),
      path: {
        type: 'string',
        title: 'Path',
        description: 'Served at /hooks/<path>. Letters, digits and - _ . / only.',
        pattern: '^/?[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$',
        examples: ['orders/created', 'supplier/notify'],
      },
      verification: labelledEnum(
        [
          ['none', 'None (anyone with the URL)'],
          ['hmac-header', 'HMAC signature in a header'],
          ['signature', 'Signature credential (supplier scheme)'],
        ],
        {
          title: 'Verification',
          description: 'Requests that fail verification are answered 401 and start no run.',
          default: 'none',
        },
      ),
      responseMode: labelledEnum(
        [
          ['immediately', 'Immediately, with the status and body below'],
          ['onFinish', "When the run finishes, with the run's output"],
          ['respondNode', 'From a "Respond to webhook" node'],
        ],
        {
          title: 'Respond',
          description:
            'When the caller gets its answer. Answer immediately when the sender only needs an acknowledgement ' +
            '(e.g. "success"); wait for the run when it needs the result.',
          default: 'immediately',
        },
      ),
      responseStatus: {
        type: 'integer',
        minimum: 100,
        maximum: 599,
        title: 'Response status',
        description: 'Used when responding immediately.',
        default: 200,
      },
      responseBody: {
        title: 'Response body',
        description: 'JSON (or a string, e.g. "success") sent when responding immediately.',
        default: { received: true },
        examples: ['success', { received: true }],
      },
      idempotencyKey: {
        type: 'string',
        minLength: 1,
        title: 'Idempotency key',
        description:
          'Makes retried requests safe: a JSONata expression over the request ({method, path, headers, query, body}), ' +
          'e.g. =body.customer_order_no, or the name of a request header, e.g. Idempotency-Key. Requests with the ' +
          "same key start one run only: a repeat gets the first run's answer (header x-junction-replayed: true), " +
          'even while that run is still going or after it failed. Requests without a key run as usual.',
        examples: ['=body.customer_order_no', 'Idempotency-Key', "=headers.'x-request-id'"],
      },
      rateLimit: {
        type: 'object',
        title: 'Rate limit',
        description:
          'How many requests this webhook accepts per window. More are answered 429 (JX_RATE_LIMITED, with ' +
          'Retry-After) and start no run. A field left empty uses the server default (junction serve ' +
          '--rate-limit-client, --rate-limit-flow, --rate-limit-window); 0 turns that limit off.',
        additionalProperties: false,
        properties: {
          perClient: {
            type: 'integer',
            minimum: 0,
            title: 'Per client',
            description: 'Requests one client (IP address) may send per window. Server default: 1200.',
            examples: [120],
          },
          perFlow: {
            type: 'integer',
            minimum: 0,
            title: 'Per flow',
            description:
              'Requests all clients together may send to this webhook per window. Server default: 6000.',
            examples: [600],
          },
          windowSeconds: {
            type: 'integer',
            minimum: 1,
            maximum: 86400,
            title: 'Window (seconds)',
            description: 'Length of the counting window. Server default: 60.',
            examples: [60],
          },
        },
      },
      exampleRequest: {
        type: 'object',
        title: 'Example request',
        description:
          'A typical request, pre-filled as the test input in the editor (a test run starts the flow with it) and ' +
          'used for expression completion downstream. Not used for real requests.',
        additionalProperties: false,
        properties: {
          method: { type: 'string', title: 'Method', description: 'The request method.', examples: ['POST'] },
          headers: {
            type: 'object',
            title: 'Headers',
            description: 'Request headers, names in lower case as the server passes them on.',
            additionalProperties: { type: 'string' },
            examples: [{ 'content-type': 'application/json' }],
          },
          query: {
            type: 'object',
            title: 'Query',
            description: 'Query-string parameters by name.',
            additionalProperties: { type: 'string' },
            examples: [{ page: '1' }],
          },
          body: { title: 'Body', description: 'The request body (JSON).' },
        },
        examples: [{ method: 'POST', body: { product_id: '10000001', buy_num: 1 } }],
      },
    },
  },
  outputSchema: {
    out: {
      type: 'object',
      properties: {
        method: { type: 'string' },
        path: { type: 'string' },
        headers: { type: 'object' },
        query: { type: 'object' },
        body: {},
      },
    },
  },
  run(ctx) {
    const request = ctx.input;
    if (!isJsonObject(request)) throw inputInvalid('input', 'the webhook request object', request);
    const headers = request.headers ?? {};
    if (!isJsonObject(headers)) throw inputInvalid('input.headers', 'an object', headers);
    const query = request.query ?? {};
    if (!isJsonObject(query)) throw inputInvalid('input.query', 'an object', query);
    return {
      out: {
        method: typeof request.method === 'string' ? request.method : 'POST',
        path: typeof request.path === 'string' ? request.path : ctx.config.path,
        headers: redactHeaders(headers),
        query,
        body: request.body ?? null,
      },
    };
  },
});

/**
 * {@link WebhookTriggerConfig} with defaults applied; `idempotencyKey` stays optional (no default) and
 * `exampleRequest` is left out (it is for the editor, not the server).
 */
export type WebhookSettings = Required<
  Omit<WebhookTriggerConfig, 'idempotencyKey' | 'exampleRequest' | 'rateLimit'>
> &
  Pick<WebhookTriggerConfig, 'idempotencyKey'>;

/** The webhook settings with defaults applied, as the server needs them to route and answer. */
export function webhookSettings(config: WebhookTriggerConfig): WebhookSettings {
  return {
    method: config.method ?? 'POST',
    path: config.path.replace(/^\/+/, ''),
    verification: config.verification ?? 'none',
    responseMode: config.responseMode ?? 'immediately',
    responseStatus: config.responseStatus ?? 200,
    responseBody: config.responseBody === undefined ? { received: true } : config.responseBody,
    ...(config.idempotencyKey ? { idempotencyKey: config.idempotencyKey } : {}),
  };
}
