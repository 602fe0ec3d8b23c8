import { defineNode, type Json, JunctionError, type NodeResult } from '@junction/runtime';
import { isKnownCharset } from '../wire-format/charset.ts';
import { wireFormatError } from '../wire-format/wire-format-errors.ts';
import { CALLBACK_DEFAULTS } from './describe-callback-await.ts';

/** An HTTP answer as a setting: status, content type and a text or JSON body. */
const ANSWER_SCHEMA = {
  type: 'object',
  title: 'Status and body',
  additionalProperties: false,
  required: ['body'],
  properties: {
    status: {
      type: 'integer',
      minimum: 200,
      maximum: 599,
      title: 'Status',
      description: 'The HTTP status of the answer.',
      default: 200,
    },
    contentType: {
      type: 'string',
      title: 'Content type',
      description: 'Left empty: text/plain for a text body, application/json for a JSON body.',
      examples: ['application/json', 'text/plain'],
    },
    body: { title: 'Body', description: 'Text, or JSON such as {"code":0,"msg":"ok"}.' },
    format: {
      title: 'Format',
      description:
        'How a JSON body is written: JSON, or XML under the root element with strings as CDATA (<xml><return_code><![CDATA[SUCCESS]]></return_code></xml>, sent as application/xml). Left empty: JSON.',
      oneOf: [
        { const: 'json', title: 'JSON' },
        { const: 'xml', title: 'XML' },
      ],
    },
    root: {
      type: 'string',
      title: 'XML root element',
      description: 'The root element of an XML answer.',
      default: 'xml',
    },
    charset: {
      type: 'string',
      title: 'Charset',
      description:
        'The charset the answer is sent in (named in its Content-Type), e.g. gbk for a supplier that reads GBK. Left empty: UTF-8.',
      examples: ['gbk', 'gb18030'],
    },
  },
} as const;

/** Config of `callback.await` v1 (`correlationKey` resolved by the engine). */
export type CallbackAwaitConfig = {
  channel: string;
  correlationKey: Json;
  keyPath?: string;
  keyFrom?: 'body' | 'header' | 'query';
  ack?: Json;
  refusal?: Json;
  timeoutMs?: number;
  /** Condition over the callback (body `$`, `$headers`, `$query`); the engine evaluates it per callback. */
  until?: string;
};

/**
 * Suspends the run until the supplier posts a callback whose key (at `keyPath`) equals the correlation key,
 * or until the timeout. The server's callback ingress verifies the signature with the `verify` credential,
 * answers `ack`, and resumes the run; nothing is held in memory while waiting. With `until`, only a
 * callback satisfying it resumes the run: any other (a "processing" notice) is verified, acknowledged
 * and journaled as noted, and the node keeps waiting with the same key and deadline.
 */
export const callbackAwaitNode = defineNode<CallbackAwaitConfig>({
  type: 'callback.await',
  version: 1,
  title: 'Await callback',
  category: 'callback',
  description: 'Wait for an asynchronous callback (e.g. an order result) matched by a business key.',
  icon: '📨',
  inputs: ['in'],
  outputs: ['callback', 'timeout'],
  // The engine evaluates `until` against each callback (WaitSuspension.accept), not the node input.
  rawConfigKeys: ['until'],
  credentials: {
    verify: {
      kinds: ['card-platform', 'signature', 'hmac-header'],
      optional: true,
      title: 'Verify signature with',
      description: 'Callbacks with a bad signature are rejected (401) and resume nothing.',
    },
  },
  config: {
    type: 'object',
    required: ['channel', 'correlationKey'],
    additionalProperties: false,
    properties: {
      channel: {
        type: 'string',
        title: 'Channel',
        description:
          'The supplier posts to /callbacks/<channel>; one channel per notify URL. Names starting with "junction." are reserved.',
        pattern: '^(?!junction\\.)[A-Za-z0-9][A-Za-z0-9._-]*$',
        examples: ['card-orders'],
      },
      correlationKey: {
        title: 'Correlation key',
        description:
          'An expression giving the key this run waits for, usually the order number sent to the supplier.',
        'x-expression': true,
        examples: ['=customer_order_no', '=$nodes.createOrder.out.customer_order_no'],
      },
      keyPath: {
        type: 'string',
        title: 'Key path in the callback',
        description:
          'Dot path of the key in the callback body; with "Key from" header or query, the header or parameter name.',
        default: CALLBACK_DEFAULTS.keyPath,
        examples: ['customer_order_no', 'data.order_no'],
      },
      keyFrom: {
        title: 'Key from',
        description: 'Where the correlation key sits in the callback.',
        default: 'body',
        oneOf: [
          { const: 'body', title: 'The body' },
          { const: 'header', title: 'A header' },
          { const: 'query', title: 'A query parameter' },
        ],
      },
      ack: {
        title: 'Acknowledgement',
        description:
          'What the callback endpoint answers once it accepted a callback: a text (sent as text/plain), or a status, content type and body (a JSON body such as {"code":0} is sent as JSON).',
        default: CALLBACK_DEFAULTS.ack,
        oneOf: [{ type: 'string', title: 'Text', examples: ['success', 'SUCCESS', 'ok'] }, ANSWER_SCHEMA],
      },
      refusal: {
        ...ANSWER_SCHEMA,
        title: 'Answer to a refused callback',
        description:
          'What a callback that fails verification (bad signature, stale timestamp, replayed nonce) gets; empty: 401 with the JSON error and its code. The code is always in the x-junction-error header and the callback log.',
      },
      until: {
        type: 'string',
        title: 'Resume when',
        description:
          'Optional condition over the callback: its body is $ (fields by name), its headers $headers (lower-case names), its query parameters $query. A callback that does not satisfy it (e.g. a "processing" notice) is still verified and acknowledged, shows in the run as noted, and the node keeps waiting — same key, same deadline. Empty: the first callback resumes.',
        'x-expression': true,
        examples: [
          "=order_status in ['success', 'failed']",
          "=status = 'FINISHED'",
          "=$headers.'x-notify-type' = 'final'",
        ],
      },
      timeoutMs: {
        type: 'integer',
        title: 'Timeout (ms)',
        description: 'After this long without a callback the node emits on "timeout".',
        default: CALLBACK_DEFAULTS.timeoutMs,
        minimum: 1,
        examples: [600_000],
      },
    },
  },
  outputSchema: {
    callback: { type: 'object', description: 'The callback body as posted by the supplier.' },
    timeout: {
      type: 'object',
      properties: { channel: { type: 'string' }, key: { type: 'string' }, waitedMs: { type: 'integer' } },
    },
  },
  run(ctx): NodeResult {
    const resumed = ctx.resumed;
    if (resumed?.reason === 'callback') return { callback: resumed.payload };
    if (resumed?.reason === 'timeout') {
      const since = readSince(ctx.state);
      return {
        timeout: {
          channel: resumed.channel,
          key: resumed.key,
          waitedMs: since === undefined ? 0 : ctx.now() - since,
        },
      };
    }
    const key = correlationKeyOf(ctx.config.correlationKey);
    for (const answer of [ctx.config.ack, ctx.config.refusal]) assertKnownCharset(answer);
    const channel = ctx.config.channel;
    const until = conditionOf(ctx.config.until);
    return ctx.wait({
      channel,
      key,
      timeoutMs: ctx.config.timeoutMs ?? CALLBACK_DEFAULTS.timeoutMs,
      ...(until === undefined ? {} : { accept: until }),
      state: { since: ctx.now() },
    });
  },
});

/** An answer's charset is checked when the node starts waiting, not when the supplier calls back. */
function assertKnownCharset(answer: Json | undefined): void {
  const charset =
    typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? answer.charset : undefined;
  if (typeof charset === 'string' && charset !== '' && !isKnownCharset(charset)) {
    throw wireFormatError('JX_UNSUPPORTED_CHARSET', { what: 'the acknowledgement', charset });
  }
}

function correlationKeyOf(value: Json): string {
  if (typeof value === 'number' || (typeof value === 'string' && value !== '')) return String(value);
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  throw new JunctionError(
    'JX_INPUT_INVALID',
    `correlationKey must resolve to a non-empty string or number, got ${type === 'string' ? 'an empty string' : type}; check the expression against the node input.`,
    { field: 'correlationKey', got: type },
  );
}

/** The `until` condition as an expression, or undefined when not set. */
function conditionOf(until: unknown): string | undefined {
  if (until === undefined || until === null || until === '') return undefined;
  if (typeof until !== 'string' || !until.startsWith('=')) {
    throw new JunctionError(
      'JX_CONFIG_INVALID',
      `until must be an expression starting with "=", e.g. "=order_status in ['success', 'failed']".`,
      { field: 'until' },
    );
  }
  return until;
}

function readSince(state: Json | undefined): number | undefined {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return undefined;
  return typeof state.since === 'number' ? state.since : undefined;
}
