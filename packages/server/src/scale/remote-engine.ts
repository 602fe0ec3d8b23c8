import {
  type CallbackContext,
  type DeliveryOutcome,
  type Engine,
  type EngineEvent,
  type FlowDocument,
  type Json,
  JunctionError,
  queueRun,
  type RunStore,
  type StartRunOptions,
  timeOrderedId,
} from '@junction/runtime';
import type { Queue, QueueEvents } from 'bullmq';
import type { Logger } from 'pino';
import type { ClusterBus } from './cluster-bus.ts';
import type { RunJob, RunJobResult } from './run-jobs.ts';
import { RunWaiter } from './run-waiter.ts';

/** BullMQ job ids may not hold `:`; run ids may. */
function jobIdOf(prefix: string, runId: string, at?: number): string {
  return `${prefix}-${runId.replaceAll(':', '_')}${at === undefined ? '' : `-${at}`}`;
}

/** Options of {@link createRemoteEngine}. */
export interface RemoteEngineOptions {
  queue: Queue<RunJob, RunJobResult>;
  queueEvents: QueueEvents;
  bus: ClusterBus;
  store: RunStore;
  logger: Logger;
  /** Sender id on cluster signals. */
  processId: string;
  /** How long an early callback waits in the inbox (must match the workers'; default 24 h). */
  inboxTtlMs?: number;
  /** How long a cancel job may wait for a worker before `JX_QUEUE_TIMEOUT` (default 30 s). */
  jobTimeoutMs?: number;
  /** How long a cancel signal may take before the run is cancelled in the store instead (default 2 s). */
  cancelSignalMs?: number;
}

/**
 * The {@link Engine} of an `api` process: nothing executes here, and nothing it answers depends on
 * a worker or on Redis.
 *
 * 1. `start` records the run in the shared store (`queueRun`: queued, with its journaled plan) and
 *    resolves: the run is durable. A `wake` job then tells a worker at once.
 * 2. `resume` delivers the callback in the store itself (`RunStore.deliver`: matched, early,
 *    duplicate or late — the claimed payload is a durable pending resume), so the supplier's
 *    acknowledgement waits for the database only; a `wake` job tells a worker.
 * 3. A `wake` that cannot be queued (Redis down, stalled) is logged and dropped: every worker's
 *    recovery scan, every `--lease-ms`, continues queued runs and applies pending resumes anyway.
 * Events come from the workers over Redis pub/sub; whoever waits on a run also polls the store.
 */
export function createRemoteEngine(options: RemoteEngineOptions): Engine {
  const { queue, queueEvents, bus, store, logger } = options;
  const timeoutMs = options.jobTimeoutMs ?? 30_000;
  const inboxTtlMs = options.inboxTtlMs ?? 24 * 3600_000;

  /** Best effort: the work is in the store already; the job only saves a worker's scan delay. */
  const wake = (runId: string, jobId: string): void => {
    queue.add('wake', { kind: 'wake', runId }, { jobId }).catch((error: unknown) => {
      logger.warn(
        { runId, err: (error as Error).message },
        'run queue unavailable; a worker continues the run at its next recovery scan',
      );
    });
  };

  const cancelInStore = async (runId: string, reason?: string): Promise<void> => {
    let added: Awaited<ReturnType<typeof queue.add>>;
    try {
      added = await queue.add('cancel', { kind: 'cancel', runId, ...(reason ? { reason } : {}) });
    } catch (error) {
      throw new JunctionError(
        'JX_QUEUE_UNAVAILABLE',
        `The run queue cannot take the cancellation (${(error as Error).message}); nothing was cancelled, retry once Redis is back.`,
        { runId },
      );
    }
    let result: RunJobResult;
    try {
      result = await added.waitUntilFinished(queueEvents, timeoutMs);
    } catch {
      throw new JunctionError(
        'JX_QUEUE_TIMEOUT',
        `No worker confirmed the cancellation within ${timeoutMs} ms; it is queued and happens when a worker takes it.`,
        { runId, jobId: added.id ?? null, queued: true },
      );
    }
    if (!result.ok) throw new JunctionError(result.error.code, result.error.message, result.error.details);
  };

  return {
    async start(flow: FlowDocument, startOptions: StartRunOptions = {}) {
      const runId = startOptions.runId ?? timeOrderedId();
      // Listening before the run exists, so no settling event can be missed.
      const waiter = new RunWaiter(bus, store, runId);
      try {
        await queueRun(store, flow, { ...startOptions, runId });
      } catch (error) {
        waiter.dispose();
        throw error;
      }
      wake(runId, jobIdOf('start', runId));
      return {
        id: runId,
        get done() {
          return waiter.done;
        },
      };
    },
    async resume(
      channel: string,
      key: string,
      payload: Json,
      context?: CallbackContext,
    ): Promise<DeliveryOutcome> {
      const at = Date.now();
      const outcome = await store.deliver(channel, key, payload, inboxTtlMs, at, context);
      if (outcome.outcome === 'matched') wake(outcome.wait.runId, jobIdOf('resume', outcome.wait.runId, at));
      return outcome;
    },
    async cancel(runId: string, reason?: string) {
      const run = await store.getRun(runId);
      if (!run) throw new JunctionError('JX_RUN_NOT_FOUND', `Run ${runId} does not exist.`, { runId });
      if (run.status === 'running') {
        // Only the worker holding the run in memory can stop its nodes; ask everyone, it answers.
        const settled = new RunWaiter(bus, store, runId, 250);
        await bus.publishSignal({
          type: 'cancel',
          from: options.processId,
          runId,
          ...(reason ? { reason } : {}),
        });
        const cancelled = await Promise.race([
          settled.done.then(() => true),
          new Promise<false>((resolve) => setTimeout(resolve, options.cancelSignalMs ?? 2000, false).unref()),
        ]);
        settled.dispose();
        if (cancelled) return;
      }
      // Suspended, queued or orphaned: any worker cancels it in the store.
      await cancelInStore(runId, reason);
    },
    async wake(runId: string) {
      wake(runId, jobIdOf('wake', runId, Date.now()));
    },
    async recover() {
      return 0;
    },
    async repairStranded() {
      // Repair means loading the run, which only workers do: their recovery scan repairs these.
      const found = (await store.listStrandedRuns(Date.now(), 500)).map((run) => run.id);
      return { found, repaired: [], skipped: found };
    },
    startBackground() {},
    async stop() {},
    on(listener: (event: EngineEvent) => void) {
      return bus.onEvent(listener);
    },
  };
}
