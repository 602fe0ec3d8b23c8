import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../testing/free-port.ts';
import { startThrowawayRedis, type ThrowawayRedis } from '../testing/throwaway-redis.ts';
import { openCluster } from './open-cluster.ts';

// A Redis of the test's own (the shared one's settings are not ours to change).
const started: ThrowawayRedis[] = [];
afterEach(async () => {
  for (const redis of started.splice(0)) await redis.destroy();
});

async function redisServer(args: string[] = [], port?: number): Promise<string> {
  const redis = await startThrowawayRedis({ args, ...(port ? { port } : {}) });
  started.push(redis);
  return redis.url;
}

describe('openCluster', () => {
  it('warns when Redis may evict queue keys, and not when it may not', async () => {
    const warnings: string[] = [];
    const evicting = await openCluster(
      await redisServer(['--maxmemory-policy', 'allkeys-lru']),
      `t${randomBytes(3).toString('hex')}`,
      {
        onWarning: ({ code }) => warnings.push(code),
      },
    );
    await evicting.close();
    expect(warnings).toEqual(['JX_REDIS_EVICTION_POLICY']);
    const safe = await openCluster(await redisServer(), undefined, {
      onWarning: ({ code }) => warnings.push(code),
    });
    await safe.close();
    expect(warnings).toEqual(['JX_REDIS_EVICTION_POLICY']);
  });

  it('waits for a Redis that is not up yet instead of failing the start', async () => {
    const port = await freePort();
    const waits: number[] = [];
    const opening = openCluster(`redis://127.0.0.1:${port}`, undefined, {
      onWaiting: ({ attempt }) => waits.push(attempt),
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await redisServer([], port);
    const cluster = await opening;
    await cluster.close();
    expect(waits.length).toBeGreaterThan(0);
  }, 30_000);
});
