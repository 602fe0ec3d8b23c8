import { defineNode, type ErrorInfo, type Json, type NodeResult } from '@junction/runtime';
import type { HttpRequestConfig } from '../../http/request/v1.ts';
import { configInvalid } from '../support/node-errors.ts';
import { labelledEnum } from '../support/schema-helpers.ts';
import { subflowSchema } from '../support/subflow-ref.ts';
import { isTruthy } from '../support/truthy.ts';
import { type CheckOutcome, checkHttp, checkSubflow } from './poll-check.ts';
import { pollRequestSchema } from './poll-request-schema.ts';
import { nextCheckAt, type PollTiming, pollState } from './poll-schedule.ts';

/** Config of `flow.poll` v1. */
export type PollConfig = PollTiming & {
  check?: 'http' | 'subflow';
  /** For `http`: an http.request config (expressions resolved before each check). */
  request?: HttpRequestConfig;
  /** Raw, for `subflow`: `{flowId, version?}` or `{document}`. */
  subflow?: Json;
  /** Raw JSONata condition; `$` is the response `{status, headers, body}` or the sub-flow output. */
  until: string;
};

/**
 * Repeats a check until a condition holds or a deadline passes. Every wait is a durable sleep: the
 * node keeps `{startedAt, attempt}` in the sleep state and performs the next check when it resumes,
 * so a poll of hours holds no memory and survives restarts. `out` and `timeout` both carry
 * `{result, attempts}`; a check that failed in transit counts as "not yet" (`lastError` on timeout).
 */
export const pollNode = defineNode<PollConfig>({
  type: 'flow.poll',
  version: 1,
  title: 'Poll',
  category: 'control',
  description: 'Repeat a request (or sub-flow) until a condition is met or time runs out.',
  icon: '🔄',
  inputs: ['in'],
  outputs: ['out', 'timeout', 'error'],
  rawConfigKeys: ['until', 'subflow'],
  credentials: {
    auth: {
      kinds: ['bearer', 'basic', 'hmac-header', 'signature', 'card-platform'],
      optional: true,
      title: 'Authentication',
      description: 'Signs each HTTP check, like in the HTTP request node.',
    },
  },
  config: {
    type: 'object',
    required: ['until'],
    additionalProperties: false,
    properties: {
      check: labelledEnum(
        [
          ['http', 'An HTTP request'],
          ['subflow', 'A sub-flow'],
        ],
        {
          title: 'Each check runs',
          description: 'Send the HTTP request below, or run the sub-flow, on every check.',
          default: 'http',
        },
      ),
      request: pollRequestSchema,
      subflow: subflowSchema,
      until: {
        type: 'string',
        title: 'Done when',
        description:
          'JSONata condition on the check result ($ = {status, headers, body} for HTTP, the output for a sub-flow; $attempt = check number).',
        examples: ["=body.result.order_state in ['success', 'failed']", '=status = 200'],
      },
      intervalSeconds: {
        type: 'number',
        exclusiveMinimum: 0,
        title: 'Wait between checks (s)',
        description: 'The first wait; with exponential back-off it doubles after each check.',
        default: 5,
      },
      backoff: labelledEnum(
        [
          ['fixed', 'Same wait every time'],
          ['exponential', 'Double the wait after each check'],
        ],
        {
          title: 'Back-off',
          description: 'Keep the wait fixed, or double it after each check up to "Longest wait".',
          default: 'fixed',
        },
      ),
      maxIntervalSeconds: {
        type: 'number',
        exclusiveMinimum: 0,
        title: 'Longest wait (s)',
        description: 'The cap of an exponential back-off.',
        default: 300,
      },
      timeoutSeconds: {
        type: 'number',
        exclusiveMinimum: 0,
        title: 'Give up after (s)',
        description: 'Counted from the first check; then the result goes out on "timeout".',
        default: 600,
      },
      maxAttempts: {
        type: 'integer',
        minimum: 1,
        title: 'At most this many checks',
        description:
          'After the last check the result goes out on "timeout"; empty = only the time limit applies.',
        examples: [20],
      },
    },
  },
  outputSchema: {
    out: { type: 'object', properties: { result: {}, attempts: { type: 'integer' } } },
    timeout: {
      type: 'object',
      properties: { result: {}, attempts: { type: 'integer' }, lastError: { type: 'object' } },
    },
  },
  async run(ctx): Promise<NodeResult> {
    const { config } = ctx;
    if (typeof config.until !== 'string' || config.until.trim() === '') {
      throw configInvalid('until', 'a condition expression is required, e.g. "=status = 200".');
    }
    const state = pollState(ctx.resumed ? ctx.state : undefined, ctx.now());
    const attempt = state.attempt + 1;
    let outcome: CheckOutcome;
    if ((config.check ?? 'http') === 'http') {
      if (!config.request)
        throw configInvalid('request', 'an HTTP request is required when checks are HTTP.');
      outcome = await checkHttp(ctx, config.request, attempt);
    } else {
      outcome = await checkSubflow(ctx, config.subflow, attempt);
    }
    if (outcome.ok && isTruthy(await ctx.evaluate(config.until, outcome.value, { attempt }))) {
      return { out: { result: outcome.value, attempts: attempt } };
    }
    const next = nextCheckAt(config, { startedAt: state.startedAt, attempt }, ctx.now());
    if (next === null) {
      const lastError: ErrorInfo | undefined = outcome.ok ? undefined : outcome.error;
      return {
        timeout: {
          result: outcome.ok ? outcome.value : null,
          attempts: attempt,
          ...(lastError ? { lastError: lastError as unknown as Json } : {}),
        },
      };
    }
    ctx.log.debug('poll: condition not met yet', { attempt, nextCheckAt: new Date(next).toISOString() });
    return ctx.sleep(next, { startedAt: state.startedAt, attempt });
  },
});
