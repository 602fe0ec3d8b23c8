import type { ResumeReason } from '../node/node-result.ts';
import type { PendingResume } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';

/** The resume reason a node sees (`ctx.resumed`) for a pending resume from the store. */
export function resumeReasonOf(pending: PendingResume): ResumeReason {
  if (pending.reason !== 'callback') return { reason: 'timeout', channel: pending.channel, key: pending.key };
  const { channel, key, payload, context } = pending;
  return { reason: 'callback', channel, key, payload: payload ?? null, ...(context ? { context } : {}) };
}

/** What a run in memory offers to apply pending resumes. */
export interface ResumableRun {
  /** Runs a waiting node again; false when the node is not waiting (already resumed: stale). */
  resume(nodeId: string, reason: ResumeReason): boolean;
  /** Checks a callback against the node's wait condition first (see `RunExecutor.admit`). */
  admit?(nodeId: string, reason: ResumeReason): Promise<'resume' | 'noted' | 'skip'>;
  journal: { flush(): Promise<void> };
}

/**
 * Applies pending resumes to a run in memory.
 *
 * 1. Each resume re-runs its node (journaled `node.resumed`); a node that no longer waits makes it stale.
 *    A callback that fails the node's wait condition resumes nothing: it is noted and the wait stays.
 * 2. The journal is flushed: from now on the journal, not the store's pending record, holds the resume.
 * 3. Only then are the pending records deleted, each guarded by its creation time, so a newer resume
 *    of the same node (it ran again, waited again and a new callback came) is never deleted by mistake.
 * Returns how many nodes resumed.
 */
export async function applyPendingResumes(
  store: RunStore,
  run: ResumableRun,
  pending: readonly PendingResume[],
): Promise<number> {
  let resumed = 0;
  for (const resume of pending) {
    const reason = resumeReasonOf(resume);
    const verdict = run.admit ? await run.admit(resume.nodeId, reason) : 'resume';
    if (verdict === 'resume' && run.resume(resume.nodeId, reason)) resumed++;
  }
  await run.journal.flush();
  await Promise.all(pending.map((p) => store.deletePendingResume(p.runId, p.nodeId, p.createdAt)));
  return resumed;
}

/** Pending resumes grouped by run, in the order of each run's oldest. */
export function groupByRun(pending: readonly PendingResume[]): Map<string, PendingResume[]> {
  const byRun = new Map<string, PendingResume[]>();
  for (const resume of pending) {
    const list = byRun.get(resume.runId);
    if (list) list.push(resume);
    else byRun.set(resume.runId, [resume]);
  }
  return byRun;
}
