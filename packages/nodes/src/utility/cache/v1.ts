import { defineNode, type Json, type NodeContext, type NodePorts, type NodeResult } from '@junction/runtime';
import { configInvalid, isJsonObject } from '../../control/support/node-errors.ts';
import { labelledEnum } from '../../control/support/schema-helpers.ts';
import { keyText } from './cache-key.ts';

/** Config of `cache` v1. */
export type CacheConfig = {
  operation?: 'get' | 'set' | 'getOrSet';
  /** Usually an expression, e.g. `="product:" & sku`. */
  key: Json;
  /** Lifetime of a stored entry; 0 keeps it until overwritten. */
  ttlSeconds?: number;
  /** Raw: the value to store (an expression evaluated only when needed); default the node input. */
  value?: Json;
};

/** Ports per operation: `get` branches on hit/miss, the others have one output. */
export function cachePorts(operation: CacheConfig['operation']): NodePorts {
  return {
    inputs: ['in'],
    outputs: operation === 'get' || operation === undefined ? ['hit', 'miss'] : ['out'],
  };
}

// Entries are wrapped so a cached `null` is told apart from a miss.
type Entry = { v: Json };

async function valueToStore(ctx: NodeContext<CacheConfig>): Promise<Json> {
  const raw = ctx.config.value;
  if (raw === undefined) return ctx.input;
  return typeof raw === 'string' && raw.startsWith('=') ? ctx.evaluate(raw) : raw;
}

function ttlMs(config: CacheConfig): number | undefined {
  const seconds = config.ttlSeconds ?? 300;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw configInvalid('ttlSeconds', `must be a number of seconds ≥ 0, got ${String(seconds)}.`);
  }
  return seconds === 0 ? undefined : seconds * 1000;
}

/**
 * A keyed cache in the run store, so entries survive restarts and are shared by every run (and every
 * worker) of the flow; the engine scopes `ctx.kv` per flow, so two flows never see each other's keys. `value` is raw: in `getOrSet` mode it is evaluated only on a miss.
 */
export const cacheNode = defineNode<CacheConfig>({
  type: 'cache',
  version: 1,
  title: 'Cache',
  category: 'utility',
  description: 'Remember a value under a key for a while (shared by all runs, survives restarts).',
  icon: '🗄️',
  inputs: ['in'],
  outputs: ['hit', 'miss'],
  ports: (config) => cachePorts(config.operation),
  rawConfigKeys: ['value'],
  config: {
    type: 'object',
    required: ['key'],
    additionalProperties: false,
    properties: {
      operation: labelledEnum(
        [
          ['get', 'Get (branch on hit / miss)'],
          ['set', 'Set'],
          ['getOrSet', 'Get, or set on a miss'],
        ],
        {
          title: 'Operation',
          description:
            'Get branches on hit or miss; set stores the value; get-or-set evaluates and stores the value only on a miss.',
          default: 'get',
        },
      ),
      key: {
        title: 'Key',
        description: 'Identifies the entry; usually an expression.',
        'x-expression': true,
        examples: ['products', '="product:" & sku'],
      },
      ttlSeconds: {
        type: 'number',
        minimum: 0,
        title: 'Keep for (seconds)',
        description: 'For set / get-or-set. 0 keeps the entry until it is overwritten.',
        default: 300,
      },
      value: {
        title: 'Value',
        description: 'For set / get-or-set: what to store. Default: the node input.',
        'x-expression': true,
        examples: ['=result.goods'],
      },
    },
  },
  async run(ctx): Promise<NodeResult> {
    const operation = ctx.config.operation ?? 'get';
    const key = `cache:${keyText(ctx.config.key)}`;
    if (operation === 'set') {
      const value = await valueToStore(ctx);
      await ctx.kv.set(key, { v: value } satisfies Entry, ttlMs(ctx.config));
      return { out: value };
    }
    const entry = await ctx.kv.get(key);
    const hit = isJsonObject(entry ?? null) && Object.hasOwn(entry as object, 'v');
    if (operation === 'get') return hit ? { hit: (entry as Entry).v } : { miss: ctx.input };
    if (hit) return { out: (entry as Entry).v };
    const value = await valueToStore(ctx);
    await ctx.kv.set(key, { v: value } satisfies Entry, ttlMs(ctx.config));
    return { out: value };
  },
});
