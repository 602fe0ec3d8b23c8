import type { Json, NodeContext } from '@junction/runtime';
import { configInvalid, jsonTypeOf } from '../../control/support/node-errors.ts';

/** Where a cache or rate-limit key lives: this flow only, or every flow of the installation. */
export type KeyScope = 'flow' | 'global';

/**
 * The store key for a user key. Flow scope prefixes the flow id so two flows using the key
 * `products` do not read each other's entries; global scope shares them on purpose.
 */
export function storeKey(
  prefix: string,
  ctx: NodeContext,
  key: Json | undefined,
  scope: KeyScope = 'flow',
): string {
  if (typeof key === 'number' && Number.isFinite(key)) key = String(key);
  if (typeof key !== 'string' || key === '') {
    throw configInvalid('key', `must resolve to a non-empty string or number, got ${jsonTypeOf(key)}.`);
  }
  return scope === 'global' ? `${prefix}:global:${key}` : `${prefix}:flow:${ctx.run.flowId}:${key}`;
}
