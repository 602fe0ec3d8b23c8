import type { Engine, EngineEvent } from '@junction/runtime';
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
  /**
   * The run lease (`--lease-ms`): a dead worker's jobs are taken over after about this long — BullMQ's
   * job lock and stall check follow it — as its runs are by recovery.
   */
  leaseMs?: number;
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
  const leaseMs = options.leaseMs ?? 30_000;
  // Runs executing in this process's memory (from their events): only this process can cancel them.
  const active = new Set<string>();
  const unsubscribe = engine.on((event: EngineEvent) => {
    if (event.type === 'journal') return; // node events carry the same information, once
    const runId = runIdOf(event);
    if (isSettlingEvent(event)) active.delete(runId);
    else active.add(runId);
    if (event.type === 'run.started') logger.info({ runId, flowId: event.run.flowId }, 'worker started run');
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
      if (data.kind === 'wake') await engine.wake(data.runId);
      else if (data.kind === 'cancel') await engine.cancel(data.runId, data.reason);
      // Jobs of another version (e.g. `start`/`resume` queued by an older api) are its recovery's.
      return { ok: true };
    } catch (error) {
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
    // A job's lock lasts one lease and is checked every half lease: a worker that died holding a
    // job frees it within about a lease, like its runs. Jobs are idempotent, so a retry is harmless.
    lockDuration: leaseMs,
    stalledInterval: Math.max(1000, Math.floor(leaseMs / 2)),
    maxStalledCount: 1_000_000,
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
