import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { ClusterBus } from './cluster-bus.ts';
import { connectRedis } from './redis-connection.ts';
import { type ClusterNames, clusterNames, type RunJob, type RunJobResult } from './run-jobs.ts';

/** The Redis side of a scale-out process: queue, queue events and pub/sub. */
export interface Cluster {
  redis: Redis;
  names: ClusterNames;
  bus: ClusterBus;
  queue: Queue<RunJob, RunJobResult>;
  queueEvents: QueueEvents;
  close(): Promise<void>;
}

/** What {@link openCluster} reports while it starts. */
export interface ClusterStartHooks {
  /** How long to wait for a Redis that cannot be reached yet (default 120 s). */
  waitMs?: number;
  /** Told about each failed attempt while waiting. */
  onWaiting?: (info: { attempt: number; retryInMs: number; reason: string }) => void;
  /** A setting that loses queue data (e.g. an eviction policy other than `noeviction`). */
  onWarning?: (warning: { code: string; message: string }) => void;
}

/** Connects to Redis, waiting for it with backoff (then `JX_REDIS_UNREACHABLE`). */
async function connectPatiently(url: string, hooks: ClusterStartHooks): Promise<Redis> {
  const giveUpAt = Date.now() + (hooks.waitMs ?? 120_000);
  for (let attempt = 1; ; attempt++) {
    try {
      return await connectRedis(url);
    } catch (error) {
      if (Date.now() >= giveUpAt) throw error;
      const retryInMs = Math.min(250 * 2 ** (attempt - 1), 5000);
      hooks.onWaiting?.({ attempt, retryInMs, reason: (error as Error).message });
      await new Promise((resolve) => setTimeout(resolve, retryInMs));
    }
  }
}

/**
 * BullMQ needs `maxmemory-policy noeviction`: an evicting Redis may drop queued jobs under memory
 * pressure. Junction loses nothing then (the store holds the work; recovery picks it up), but
 * work waits up to a lease. Servers that refuse CONFIG (managed Redis) are not judged.
 */
async function checkEvictionPolicy(redis: Redis, hooks: ClusterStartHooks): Promise<void> {
  const reply = (await redis.config('GET', 'maxmemory-policy').catch(() => undefined)) as
    | string[]
    | undefined;
  const policy = reply?.[1];
  if (policy && policy !== 'noeviction') {
    hooks.onWarning?.({
      code: 'JX_REDIS_EVICTION_POLICY',
      message: `Redis maxmemory-policy is "${policy}"; set it to "noeviction" (BullMQ needs it). Nothing is lost otherwise, but evicted jobs wait for the next recovery scan (one --lease-ms).`,
    });
  }
}

/** Connects to Redis (waiting for it, then failing with `JX_REDIS_UNREACHABLE`) and opens the run queue and the bus. */
export async function openCluster(
  url: string,
  prefix?: string,
  hooks: ClusterStartHooks = {},
): Promise<Cluster> {
  const redis = await connectPatiently(url, hooks);
  await checkEvictionPolicy(redis, hooks);
  const names = clusterNames(prefix);
  const bus = await ClusterBus.open(redis, names);
  const queue = new Queue<RunJob, RunJobResult>(names.queue, {
    connection: redis,
    prefix: names.prefix,
    // Finished jobs stay a few minutes so an API process can still read a result it waits for.
    defaultJobOptions: { removeOnComplete: { age: 300, count: 10_000 }, removeOnFail: { age: 3600 } },
  });
  // BullMQ leaves connections it is given open on close; this one is ours to end.
  const eventsConnection = redis.duplicate();
  eventsConnection.on('error', () => {});
  const queueEvents = new QueueEvents(names.queue, { connection: eventsConnection, prefix: names.prefix });
  await Promise.all([queue.waitUntilReady(), queueEvents.waitUntilReady()]);
  return {
    redis,
    names,
    bus,
    queue,
    queueEvents,
    async close() {
      await queueEvents.close();
      eventsConnection.disconnect();
      await queue.close();
      await bus.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
