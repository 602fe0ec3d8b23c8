import { defineNode, type Json } from '@junction/runtime';
import { labelledEnum } from '../support/schema-helpers.ts';
import { DELAY_UNITS, type DelayUnit, delayFor, parseInstant } from './delay-until.ts';

/** Config of `flow.delay` v1. */
export type DelayConfig = {
  mode?: 'duration' | 'until';
  amount?: number;
  unit?: DelayUnit;
  /** For `until`: ISO date-time or epoch ms, usually an expression. */
  until?: Json;
};

/**
 * Waits, durably: the node returns a sleep suspension, the timer lives in the store and the run
 * continues after a restart. On resume (`ctx.resumed.reason === 'timer'`) it passes the input on
 * without recomputing the delay, so a relative delay is never restarted from the new "now".
 */
export const delayNode = defineNode<DelayConfig>({
  type: 'flow.delay',
  version: 1,
  title: 'Delay',
  category: 'control',
  description: 'Wait for a while or until a time, then pass the input on. Survives restarts.',
  icon: '⏳',
  inputs: ['in'],
  outputs: ['out'],
  config: {
    type: 'object',
    additionalProperties: false,
    properties: {
      mode: labelledEnum(
        [
          ['duration', 'Wait for an amount of time'],
          ['until', 'Wait until a date and time'],
        ],
        {
          title: 'Wait',
          description: 'Wait for an amount of time, or until a given date and time. Waits survive restarts.',
          default: 'duration',
        },
      ),
      amount: {
        type: 'number',
        minimum: 0,
        title: 'Amount',
        description: 'How long to wait, in the unit below; may be an expression.',
        default: 5,
        examples: [30],
      },
      unit: labelledEnum(
        Object.keys(DELAY_UNITS).map((unit) => [unit, unit === 'ms' ? 'milliseconds' : unit]),
        { title: 'Unit', description: 'The unit of the amount.', default: 'seconds' },
      ),
      until: {
        title: 'Until',
        description: 'ISO date-time or epoch milliseconds. A time in the past continues at once.',
        'x-expression': true,
        examples: ['2030-01-01T09:00:00+08:00', '=deliver_at'],
      },
    },
  },
  run(ctx) {
    if (ctx.resumed?.reason === 'timer') return { out: ctx.input };
    const until =
      ctx.config.mode === 'until'
        ? parseInstant(ctx.config.until, 'until')
        : delayFor(ctx.now(), ctx.config.amount ?? 5, ctx.config.unit ?? 'seconds');
    if (until <= ctx.now()) return { out: ctx.input };
    return ctx.sleep(until, { until });
  },
});
