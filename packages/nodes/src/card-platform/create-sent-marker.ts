import type { NodeKeyValue } from '@junction/runtime';

/**
 * Kept far longer than any retry back-off or crash recovery of a run, yet bounded so the store does
 * not keep one row per order for ever.
 */
const MARKER_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** The key/value key noting that `idempotencyKey` sent a create call for `customerOrderNo`. */
export function createSentKey(idempotencyKey: string, customerOrderNo: string): string {
  return `cardPlatform.createSent:${idempotencyKey}:${customerOrderNo}`;
}

/**
 * Records, before the create call leaves, that this node (its idempotency key) is sending an order
 * under `customerOrderNo`, and says whether an earlier attempt already did.
 *
 * Why the store and not `ctx.attempt`: the engine batches journal writes, so after a crash the
 * in-flight attempt may not be journaled and the re-run can start again at attempt 1. The key/value
 * write is durable before the call is sent, so "sent before" survives a crash and tells a genuine
 * retry of our own create (adopt the order) from a number someone else already used (refuse it).
 */
export async function markCreateSent(
  kv: NodeKeyValue,
  idempotencyKey: string,
  customerOrderNo: string,
): Promise<boolean> {
  const key = createSentKey(idempotencyKey, customerOrderNo);
  if ((await kv.get(key)) !== undefined) return true;
  await kv.set(key, true, MARKER_TTL_MS);
  return false;
}
