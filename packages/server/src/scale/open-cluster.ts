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

/** Connects to Redis (failing with `JX_REDIS_UNREACHABLE`) and opens the run queue and the bus. */
export async function openCluster(url: string, prefix?: string): Promise<Cluster> {
  const redis = await connectRedis(url);
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
