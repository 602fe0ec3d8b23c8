import { badBucketError } from './store-errors.ts';

/** Persisted state of one token bucket. */
export interface BucketState {
  tokens: number;
  updatedAt: number;
}

/** Bucket parameters as `RunStore.takeToken` receives them. */
export interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
  cost: number;
}

/** Result of one take: the new state to persist and the answer for the caller. */
export interface BucketTake {
  state: BucketState;
  allowed: boolean;
  retryAfterMs: number;
}

/**
 * Pure token-bucket step shared by every store, so all of them answer alike; each store only
 * makes the read-compute-write atomic. A new bucket starts full.
 */
export function takeFromBucket(
  key: string,
  previous: BucketState | undefined,
  spec: BucketSpec,
  now: number,
): BucketTake {
  const { capacity, refillPerSecond, cost } = spec;
  if (!(capacity > 0) || !(refillPerSecond > 0)) {
    throw badBucketError(key, 'capacity and refillPerSecond must be positive numbers');
  }
  if (!(cost >= 0) || cost > capacity) {
    // A request larger than the bucket would wait forever; say so instead of returning a bogus retry time.
    throw badBucketError(key, `cost ${cost} must be between 0 and the capacity ${capacity}`);
  }
  const elapsedMs = previous ? Math.max(0, now - previous.updatedAt) : 0;
  const available = previous
    ? Math.min(capacity, previous.tokens + (elapsedMs / 1000) * refillPerSecond)
    : capacity;
  if (available >= cost) {
    return { state: { tokens: available - cost, updatedAt: now }, allowed: true, retryAfterMs: 0 };
  }
  const retryAfterMs = Math.ceil(((cost - available) / refillPerSecond) * 1000);
  return { state: { tokens: available, updatedAt: now }, allowed: false, retryAfterMs };
}
