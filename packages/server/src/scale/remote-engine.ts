import {
  type DeliveryOutcome,
  type Engine,
  type EngineEvent,
  type FlowDocument,
  type Json,
  JunctionError,
  type RunStore,
  type StartRunOptions,
  timeOrderedId,
} from '@junction/runtime';
import type { Job, Queue, QueueEvents } from 'bullmq';
import type { ClusterBus } from './cluster-bus.ts';
import type { RunJob, RunJobResult } from './run-jobs.ts';
import { RunWaiter } from './run-waiter.ts';

/** BullMQ job id of a run's start (BullMQ refuses `:` in custom ids; run ids may hold one). */
function jobIdOf(runId: string): string {
  return `start-${runId.replaceAll(':', '_')}`;
}

/** Options of {@link createRemoteEngine}. */
export interface RemoteEngineOptions {
  queue: Queue<RunJob, RunJobResult>;
  queueEvents: QueueEvents;
  bus: ClusterBus;
  store: RunStore;
  /** Sender id on cluster signals. */
  processId: string;
  /** How long to wait for a worker to take a job before answering `JX_QUEUE_TIMEOUT` (default 30 s). */
  jobTimeoutMs?: number;
  /** How long a cancel signal may take before the run is cancelled in the store instead (default 2 s). */
  cancelSignalMs?: number;
}

/**
 * The {@link Engine} of an `api` process: nothing executes here. `start`, `resume` and `cancel`
 * become BullMQ jobs that a worker runs against the shared store; each call resolves with the
 * worker's answer (a start once the run is durable, a resume with the delivery outcome), so the
 * routes behave as in the embedded server. Events come from the workers over Redis pub/sub.
 */
export function createRemoteEngine(options: RemoteEngineOptions): Engine {
  const { queue, queueEvents, bus, store } = options;
  const timeoutMs = options.jobTimeoutMs ?? 30_000;

  const perform = async (job: RunJob, jobId?: string): Promise<Json | undefined> => {
    let added: Job<RunJob, RunJobResult>;
    try {
      added = await queue.add(job.kind, job, jobId ? { jobId } : {});
    } catch (error) {
      throw new JunctionError(
        'JX_QUEUE_UNAVAILABLE',
        `The run queue cannot take work (${(error as Error).message}); check Redis.`,
      );
    }
    let result: RunJobResult;
    try {
      result = await added.waitUntilFinished(queueEvents, timeoutMs);
    } catch (error) {
      throw new JunctionError(
        'JX_QUEUE_TIMEOUT',
        `No worker answered within ${timeoutMs} ms (${(error as Error).message}); is a worker running?`,
        { jobId: added.id ?? null, kind: job.kind },
      );
    }
    if (!result.ok) throw new JunctionError(result.error.code, result.error.message, result.error.details);
    return result.value;
  };

  return {
    async start(flow: FlowDocument, startOptions: StartRunOptions = {}) {
      const runId = startOptions.runId ?? timeOrderedId();
      const waiter = new RunWaiter(bus, store, runId);
      try {
        // The run id doubles as the job id: a job added twice runs once.
        await perform({ kind: 'start', flow, options: { ...startOptions, runId } }, jobIdOf(runId));
      } catch (error) {
        waiter.dispose();
        throw error;
      }
      return {
        id: runId,
        get done() {
          return waiter.done;
        },
      };
    },
    async resume(channel: string, key: string, payload: Json): Promise<DeliveryOutcome> {
      return (await perform({ kind: 'resume', channel, key, payload })) as unknown as DeliveryOutcome;
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
      await perform({ kind: 'cancel', runId, ...(reason ? { reason } : {}) });
    },
    async recover() {
      return 0;
    },
    startBackground() {},
    async stop() {},
    on(listener: (event: EngineEvent) => void) {
      return bus.onEvent(listener);
    },
  };
}
