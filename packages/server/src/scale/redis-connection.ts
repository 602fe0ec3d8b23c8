import { JunctionError } from '@junction/runtime';
import { Redis } from 'ioredis';

/**
 * Connects to Redis and checks it answers, so a wrong URL fails the start with a coded error
 * instead of retrying silently. `maxRetriesPerRequest: null` is what BullMQ requires for workers.
 */
export async function connectRedis(url: string, timeoutMs = 5000): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, enableReadyCheck: true });
  redis.on('error', () => {}); // reconnects on its own; failures surface on the calls
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([redis.connect().then(() => redis.ping()), timeout]).finally(() =>
      clearTimeout(timer),
    );
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new JunctionError(
      'JX_REDIS_UNREACHABLE',
      `Redis at ${redactUrl(url)} cannot be reached (${(error as Error).message}); start it or fix --redis.`,
      { url: redactUrl(url) },
    );
  }
}

/** A connection URL without its password, for errors and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
