import { defineNode, type Json } from '@junction/runtime';
import { isJsonObject } from '../../control/support/node-errors.ts';
import { checkScheduleConfig } from './next-schedule-times.ts';

/** Config of `trigger.schedule` v1. */
export type ScheduleTriggerConfig = {
  cron: string;
  timezone?: string;
  /** Static data added to every scheduled run's payload. */
  payload?: Json;
};

/**
 * Starts a flow on a cron schedule. The server plans runs with `nextScheduleTimes` and starts each
 * with `{scheduledAt}` (ISO time); the node adds the time zone and the configured payload.
 */
export const scheduleTrigger = defineNode<ScheduleTriggerConfig>({
  type: 'trigger.schedule',
  version: 1,
  sideEffects: false,
  title: 'Schedule',
  category: 'trigger',
  description: 'Start the flow on a cron schedule (with seconds and a time zone).',
  icon: '⏰',
  trigger: true,
  inputs: [],
  outputs: ['out'],
  config: {
    type: 'object',
    required: ['cron'],
    additionalProperties: false,
    properties: {
      cron: {
        type: 'string',
        title: 'Cron pattern',
        description: 'Six fields: second minute hour day-of-month month day-of-week. Five fields also work.',
        default: '0 */10 * * * *',
        examples: ['0 */10 * * * *', '0 0 9 * * 1-5', '30 15 2 * * *'],
      },
      timezone: {
        type: 'string',
        title: 'Time zone',
        description: 'IANA time zone the pattern is read in.',
        default: 'UTC',
        examples: ['UTC', 'Asia/Shanghai', 'Europe/Berlin'],
      },
      payload: {
        title: 'Payload',
        description: 'Static data available to the flow as `payload` on every scheduled run.',
        examples: [{ sync: 'products' }],
      },
    },
  },
  outputSchema: {
    out: {
      type: 'object',
      properties: {
        scheduledAt: { type: 'string', format: 'date-time' },
        timezone: { type: 'string' },
        payload: {},
      },
    },
  },
  run(ctx) {
    checkScheduleConfig(ctx.config);
    const input = isJsonObject(ctx.input) ? ctx.input : {};
    const scheduledAt =
      typeof input.scheduledAt === 'string' ? input.scheduledAt : new Date(ctx.now()).toISOString();
    return {
      out: {
        ...input,
        scheduledAt,
        timezone: ctx.config.timezone ?? 'UTC',
        payload: ctx.config.payload ?? null,
      },
    };
  },
});
