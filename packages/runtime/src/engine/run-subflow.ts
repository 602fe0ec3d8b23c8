import { JunctionError } from '../errors/junction-error.ts';
import type { FlowDocument } from '../flow/flow-types.ts';
import type { Json } from '../flow/json.ts';
import type { SubflowRef, SubflowResult } from '../node/node-context.ts';
import type { RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { childRunIdOf } from './deterministic-ids.ts';
import type { FlowResolver, RunHandle, RunResult, StartRunOptions } from './engine-types.ts';

/** The engine operations a sub-flow call uses. */
export interface SubflowHost {
  store: RunStore;
  flows: FlowResolver | undefined;
  start(flow: FlowDocument, options: StartRunOptions): Promise<RunHandle>;
  /** Loads an unfinished run that is not in memory and continues it (recovery of a child). */
  continueRun(runId: string): Promise<void>;
  isActive(runId: string): boolean;
  /** The `done` of a run in this process's memory; undefined when it is not here. */
  runDone(runId: string): Promise<RunResult> | undefined;
  /**
   * Resolves with the run record once the run has finished. While someone waits here, the finishing
   * child does not notify its parent through the store: the parent is in memory and hears it directly.
   */
  whenFinished(runId: string): { promise: Promise<RunRecord>; dispose: () => void };
  cancel(runId: string, reason: string): Promise<void>;
}

/** The parent node calling a sub-flow. */
export interface SubflowParent {
  runId: string;
  nodeId: string;
  test: boolean;
  signal: AbortSignal;
  /**
   * Turns the parent node's attempt into a wait on the child (see {@link SUBFLOW_CHANNEL}); false
   * when the attempt cannot suspend, and the parent then waits in memory.
   */
  suspend?: (childRunId: string) => boolean;
}

/**
 * The internal callback channel on which a parent node waits for a suspended child: the key is the
 * child run id, and the child's end is delivered there through the store like any callback, so
 * the parent resumes in whichever process holds it, after any restart.
 */
export const SUBFLOW_CHANNEL = 'junction.subflow';

/** True for statuses a run never leaves. */
export function isTerminal(status: RunRecord['status']): status is 'succeeded' | 'failed' | 'cancelled' {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

function toResult(record: Pick<RunRecord, 'output' | 'error'> & { runId: string; status: string }) {
  const status = record.status as SubflowResult['status'];
  const result: SubflowResult = { runId: record.runId, status, output: record.output ?? null };
  if (record.error) result.error = record.error;
  return result;
}

async function resolveDocument(
  host: SubflowHost,
  ref: SubflowRef,
  parentRunId: string,
): Promise<{ document: FlowDocument; version: number | null }> {
  if ('document' in ref) return { document: ref.document, version: null };
  const found = host.flows ? await host.flows.resolve(ref.flowId, ref.version, { parentRunId }) : undefined;
  if (!found) {
    throw new JunctionError(
      'JX_SUBFLOW_NOT_FOUND',
      `Sub-flow ${ref.flowId}${ref.version === undefined ? '' : ` v${ref.version}`} cannot be found; deploy it or fix the reference.`,
      { flowId: ref.flowId, ...(ref.version === undefined ? {} : { version: ref.version }) },
    );
  }
  return found;
}

/**
 * A child whose journal already ended while its record did not (it notifies its parent between the
 * two writes, or died there): the journal is the truth.
 */
async function endedInJournal(store: RunStore, runId: string): Promise<SubflowResult | undefined> {
  const last = (await store.readJournal(runId)).at(-1);
  if (last?.type === 'run.completed')
    return toResult({ runId, status: 'succeeded', output: last.data ?? null });
  if (last?.type === 'run.failed' || last?.type === 'run.cancelled') {
    const status = last.type === 'run.failed' ? 'failed' : 'cancelled';
    return toResult({ runId, status, ...(last.error ? { error: last.error } : {}) });
  }
  return undefined;
}

/**
 * Runs a child flow for a node and waits for its end.
 *
 * 1. The child id is derived from parent run, node and key, so a parent node that runs again after a
 *    crash finds its child instead of starting a second one.
 * 2. A finished child returns its stored result; an unfinished one that is not in memory is continued
 *    from its journal; a missing one is started.
 * 3. While the child runs in this process, the parent node waits for it in memory.
 * 4. When the child is not in this process's memory (it suspended on a callback or timer, or another
 *    process holds it), the parent node suspends too, on (`SUBFLOW_CHANNEL`, child id); the child's end
 *    resumes it through the store, and the node's next attempt finds the finished child (step 2).
 * The parent's signal (cancellation, timeout) cancels the child.
 */
export async function runSubflow(
  host: SubflowHost,
  parent: SubflowParent,
  ref: SubflowRef,
  input: Json,
  key: string,
): Promise<SubflowResult> {
  const childId = childRunIdOf(parent.runId, parent.nodeId, key);
  const finished = host.whenFinished(childId);
  const onAbort = (): void => {
    void host.cancel(childId, 'the parent node was aborted').catch(() => undefined);
  };
  let suspended = false;
  try {
    const existing = await host.store.getRun(childId);
    if (existing && isTerminal(existing.status)) return toResult({ ...existing, runId: childId });
    if (!existing) {
      const { document, version } = await resolveDocument(host, ref, parent.runId);
      try {
        await host.start(document, {
          runId: childId,
          input,
          parentRunId: parent.runId,
          test: parent.test,
          flowVersion: version,
        });
      } catch (error) {
        if (!(error instanceof JunctionError && error.code === 'JX_RUN_EXISTS')) throw error;
      }
    } else if (!host.isActive(childId)) {
      const ended = await endedInJournal(host.store, childId);
      if (ended) return ended;
      if (existing.status !== 'waiting') await host.continueRun(childId);
    }
    if (parent.signal.aborted) onAbort();
    else parent.signal.addEventListener('abort', onAbort, { once: true });
    for (;;) {
      const done = host.runDone(childId);
      if (done) {
        const result = await done;
        // Suspended: it may already be back (a callback in this process), so look again.
        if (result.status !== 'waiting') return toResult({ ...result, runId: childId });
        continue;
      }
      const record = await host.store.getRun(childId);
      if (record && isTerminal(record.status)) return toResult({ ...record, runId: childId });
      // Synchronous with the waiter's disposal below: nothing can finish the child in between.
      if (parent.suspend?.(childId)) {
        suspended = true;
        break;
      }
      return toResult({ ...(await finished.promise), runId: childId });
    }
  } finally {
    parent.signal.removeEventListener('abort', onAbort);
    finished.dispose();
  }
  // The waiter is gone, so from here on the child's end goes through the store. The attempt has
  // ended as a suspension; this promise is abandoned and never settles.
  if (!suspended) throw new JunctionError('JX_ENGINE_INTERNAL', 'Sub-flow call left its loop unexpectedly.');
  return new Promise<SubflowResult>(() => undefined);
}
