import { defineNode, type Json, JunctionError, type NodePorts, type NodeResult } from '@junction/runtime';
import { configInvalid, isJsonObject } from '../../control/support/node-errors.ts';
import { labelledEnum } from '../../control/support/schema-helpers.ts';
import { keyText } from '../cache/cache-key.ts';

/** Who shares a bucket: runs of this flow, or every flow using the same key (one supplier, one limit). */
export type KeyScope = 'flow' | 'global';

/** Config of `rate.limit` v1. */
export type RateLimitConfig = {
  key?: Json;
  scope?: KeyScope;
  /** Burst size: tokens the bucket holds. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
  cost?: number;
  /** `wait`: sleep (durably) until tokens are available; `route`: send the input to `limited`. */
  whenLimited?: 'wait' | 'route';
  /** In `wait` mode, fail with `JX_RATE_LIMIT_WAIT_EXCEEDED` rather than wait longer than this. */
  maxWaitSeconds?: number;
};

/** Ports: `out`, plus `limited` in route mode. */
export function rateLimitPorts(whenLimited: RateLimitConfig['whenLimited']): NodePorts {
  return { inputs: ['in'], outputs: whenLimited === 'route' ? ['out', 'limited'] : ['out'] };
}

function positive(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw configInvalid(field, `must be a number > 0, got ${String(value)}.`);
  }
  return value;
}

/**
 * A token bucket per key in the run store, shared by every run and worker, e.g. "at most 5 calls a
 * second to this supplier". Waiting is a durable sleep, so a waiting run holds no memory and
 * survives a restart; on resume it tries for a token again.
 */
export const rateLimitNode = defineNode<RateLimitConfig>({
  type: 'rate.limit',
  version: 1,
  title: 'Rate limit',
  category: 'utility',
  description: 'Let runs through at a limited rate per key: wait for a slot or branch off.',
  icon: '🚦',
  inputs: ['in'],
  outputs: ['out'],
  ports: (config) => rateLimitPorts(config.whenLimited),
  config: {
    type: 'object',
    required: ['capacity', 'refillPerSecond'],
    additionalProperties: false,
    properties: {
      key: {
        title: 'Key',
        description: 'Runs with the same key share one bucket. Default: one bucket for the node.',
        'x-expression': true,
        examples: ['supplier-a', '="merchant:" & merchant_id'],
      },
      scope: labelledEnum(
        [
          ['flow', 'This flow'],
          ['global', 'All flows'],
        ],
        {
          title: 'Shared with',
          description:
            'Whether the bucket of this key belongs to this flow, or is shared by every flow using the key.',
          default: 'flow',
        },
      ),
      capacity: {
        type: 'integer',
        minimum: 1,
        title: 'Burst',
        description: 'Tokens the bucket holds.',
        default: 5,
      },
      refillPerSecond: {
        type: 'number',
        exclusiveMinimum: 0,
        title: 'Rate (per second)',
        description: 'Tokens added per second; 0.5 = one call every 2 seconds.',
        default: 1,
      },
      cost: {
        type: 'integer',
        minimum: 1,
        title: 'Tokens per run',
        description: 'Tokens one pass through the node takes; at most the burst capacity.',
        default: 1,
      },
      whenLimited: labelledEnum(
        [
          ['wait', 'Wait until a token is free'],
          ['route', 'Send to the "limited" output'],
        ],
        {
          title: 'When limited',
          description: 'Wait (durably) until enough tokens are free, or send the input to "limited" at once.',
          default: 'wait',
        },
      ),
      maxWaitSeconds: {
        type: 'number',
        minimum: 0,
        title: 'Longest wait (seconds)',
        description: 'In wait mode, fail rather than wait longer than this.',
        default: 3600,
      },
    },
  },
  async run(ctx): Promise<NodeResult> {
    const { config } = ctx;
    const capacity = positive(config.capacity, 'capacity');
    const refillPerSecond = positive(config.refillPerSecond, 'refillPerSecond');
    const cost = positive(config.cost ?? 1, 'cost');
    if (cost > capacity)
      throw configInvalid('cost', `(${cost}) cannot exceed the burst capacity (${capacity}).`);
    const text = keyText(config.key ?? ctx.node.id);
    // Token buckets are not namespaced by the engine, so the flow scope is added here.
    const key = config.scope === 'global' ? `rate:global:${text}` : `rate:flow:${ctx.run.flowId}:${text}`;
    const taken = await ctx.kv.takeToken(key, { capacity, refillPerSecond, cost });
    if (taken.allowed) return { out: ctx.input };
    if (config.whenLimited === 'route') return { limited: ctx.input };

    // The first wait's start is kept in the sleep state so the limit applies to the total wait.
    const state = isJsonObject(ctx.state ?? null) ? (ctx.state as { since?: Json }) : {};
    const since = typeof state.since === 'number' ? state.since : ctx.now();
    const maxWaitMs = (config.maxWaitSeconds ?? 3600) * 1000;
    const wakeAt = ctx.now() + Math.max(taken.retryAfterMs, 1);
    if (wakeAt - since > maxWaitMs) {
      throw new JunctionError(
        'JX_RATE_LIMIT_WAIT_EXCEEDED',
        `Rate limit "${String(config.key ?? ctx.node.id)}" would need more than ${config.maxWaitSeconds ?? 3600} s of waiting; raise the rate or the longest wait.`,
        { retryAfterMs: taken.retryAfterMs },
      );
    }
    return ctx.sleep(wakeAt, { since });
  },
});
