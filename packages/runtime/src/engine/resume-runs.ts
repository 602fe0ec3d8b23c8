import { JunctionError } from '../errors/junction-error.ts';
import type { PendingResume, TimerRecord } from '../store/run-records.ts';
import type { ResolvedEngineOptions } from './engine-core.ts';
import { applyPendingResumes } from './pending-resumes.ts';
import type { RunExecutor } from './run-executor.ts';
import { isTerminal } from './run-subflow.ts';

/** What resuming needs from the engine: its runs in memory and the shared loader. */
export interface ResumeHost {
  options: ResolvedEngineOptions;
  /** The run if this process holds it in memory. */
  active(runId: string): RunExecutor | undefined;
  /** Loads a run from its journal (applying its pending resumes); undefined when finished or held elsewhere. */
  load(runId: string, lease: { force?: boolean; patienceMs?: number }): Promise<RunExecutor | undefined>;
  logError(error: unknown): void;
}

/**
 * Applies a run's pending resumes (`known`, or else the store's), loading the run from its journal
 * when it is not in memory. `busy`: another live process holds the run; the resumes stay in the
 * store for that process (it checks before suspending) or for recovery once its lease expires.
 * A busy lease is retried for `leaseMs` unless `lease` says otherwise (`force`, `patienceMs`).
 */
export async function resumePending(
  host: ResumeHost,
  runId: string,
  known: PendingResume[] | undefined,
  lease: { force?: boolean; patienceMs?: number } = {},
): Promise<'resumed' | 'stale' | 'busy'> {
  const { store } = host.options;
  let executor = host.active(runId);
  if (!executor) {
    // Loading applies every pending resume the store holds for the run, `known` included.
    executor = await host.load(runId, { patienceMs: host.options.leaseMs, ...lease });
    if (!executor) {
      const run = await store.getRun(runId);
      if (run && !isTerminal(run.status)) {
        host.logError(
          new JunctionError(
            'JX_RESUME_LEASE_BUSY',
            `Run ${runId} is held by another process; its resume stays pending in the store until that process or a recovery applies it.`,
            { runId },
          ),
        );
        return 'busy';
      }
      const stale = known ?? (await store.listPendingResumes({ runId }));
      await Promise.all(stale.map((p) => store.deletePendingResume(runId, p.nodeId, p.createdAt)));
      return 'stale';
    }
  }
  const pending = known ?? (await store.listPendingResumes({ runId }));
  // Journaled and durable before this returns: the resume lives on in the journal only.
  const resumed = await applyPendingResumes(store, executor, pending);
  return resumed > 0 ? 'resumed' : 'stale';
}

/**
 * Fires a store timer. A deadline claims the wait (which stores a timeout resume) and resumes;
 * a sleep resumes the node directly. The resumed node may suspend again before this returns, under
 * the same timer id (one per node and kind): only the claimed timer is deleted, never its successor.
 */
export async function fireTimer(host: ResumeHost, timer: TimerRecord): Promise<void> {
  const { store, now } = host.options;
  if (timer.kind === 'deadline') {
    // Claiming the wait stores a pending resume, so the timer is not needed past this point.
    if (await store.expireWait(timer.runId, timer.nodeId, now()))
      await resumePending(host, timer.runId, undefined);
    await store.deleteTimer(timer.id, timer.dueAt);
    return;
  }
  // A sleep has no pending record: its timer is the record, so it goes only once the resume is
  // journaled, or when nobody waits for it any more. A busy run's timer fires again after its claim.
  let executor = host.active(timer.runId);
  executor ??= await host.load(timer.runId, { patienceMs: host.options.leaseMs });
  if (!executor) {
    const run = await store.getRun(timer.runId);
    if (run && !isTerminal(run.status)) return;
  } else if (executor.resume(timer.nodeId, { reason: 'timer' })) {
    await executor.journal.flush();
  }
  await store.deleteTimer(timer.id, timer.dueAt);
}
