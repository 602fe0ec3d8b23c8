import type { Engine, EngineEvent, Json } from '@junction/runtime';
import { JunctionError } from '@junction/runtime';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { isSettlingEvent, runIdOf } from '../runs/run-events.ts';
import type { ClusterBus } from './cluster-bus.ts';
import type { ClusterNames, RunJob, RunJobResult } from './run-jobs.ts';

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  engine: Engine;
  redis: Redis;
  names: ClusterNames;
  bus: ClusterBus;
  logger: Logger;
  /** Jobs taken at once (default 50; a start job ends once the run is durable, not when it finishes). */
  concurrency?: number;
  /** BullMQ job lock; a worker that dies holding a job loses it after this long (default 10 s). */
  lockDurationMs?: number;
}

function errorInfo(error: unknown): RunJobResult {
  if (error instanceof JunctionError) return { ok: false, error: error.toJSON() };
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'JX_INTERNAL', message, details: {} } };
}

/**
 * The worker side of scale-out: takes `start`, `resume` and `cancel` jobs from the BullMQ queue
 * and runs them on this process's engine; publishes the engine's events for the API processes;
 * cancels runs it holds in memory when a cancel signal names them.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<{ close(): Promise<void> }> {
  const { engine, bus, logger } = options;
  // Runs executing in this process's memory (from their events): only this process can cancel them.
  const active = new Set<string>();
  const unsubscribe = engine.on((event: EngineEvent) => {
    if (event.type === 'journal') return; // node events carry the same information, once
    const runId = runIdOf(event);
    if (isSettlingEvent(event)) active.delete(runId);
    else active.add(runId);
    bus.publishEvent(event);
  });
  const unsignal = bus.onSignal((signal) => {
    if (signal.type !== 'cancel' || !active.has(signal.runId)) return;
    engine
      .cancel(signal.runId, signal.reason)
      .catch((error: unknown) => logger.warn({ runId: signal.runId, err: String(error) }, 'cancel failed'));
  });

  const process = async (job: Job<RunJob, RunJobResult>): Promise<RunJobResult> => {
    const data = job.data;
    try {
      switch (data.kind) {
        case 'start': {
          const handle = await engine.start(data.flow, data.options);
          handle.done.catch(() => {});
          logger.info({ runId: handle.id, flowId: data.flow.id }, 'worker started run');
          return { ok: true, value: { runId: handle.id } };
        }
        case 'resume': {
          const outcome = await engine.resume(data.channel, data.key, data.payload);
          return { ok: true, value: outcome as unknown as Json };
        }
        case 'cancel':
          await engine.cancel(data.runId, data.reason);
          return { ok: true };
      }
    } catch (error) {
      // A start retried after its first worker died: the run exists and orphan recovery continues it.
      if (
        data.kind === 'start' &&
        (error as { code?: string }).code === 'JX_RUN_EXISTS' &&
        job.attemptsStarted > 1
      ) {
        return { ok: true, value: { runId: data.options.runId } };
      }
      return errorInfo(error);
    }
  };

  // BullMQ leaves connections it is given open on close; this one is ours to end.
  const connection = options.redis.duplicate();
  connection.on('error', () => {});
  const worker = new Worker<RunJob, RunJobResult>(options.names.queue, process, {
    connection,
    prefix: options.names.prefix,
    concurrency: options.concurrency ?? 50,
    lockDuration: options.lockDurationMs ?? 10_000,
    maxStalledCount: 5,
    removeOnComplete: { age: 300, count: 10_000 },
    removeOnFail: { age: 3600 },
  });
  worker.on('error', (error) => logger.warn({ err: String(error) }, 'queue worker error'));
  await worker.waitUntilReady();
  return {
    async close() {
      unsignal();
      await worker.close();
      connection.disconnect();
      unsubscribe();
    },
  };
}
