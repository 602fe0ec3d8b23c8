import { JunctionError } from '../errors/junction-error.ts';
import type { FlowDocument } from '../flow/flow-types.ts';
import type { Json } from '../flow/json.ts';
import type { SubflowRef, SubflowResult } from '../node/node-context.ts';
import type { RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { childRunIdOf } from './deterministic-ids.ts';
import type { FlowResolver, RunHandle, StartRunOptions } from './engine-types.ts';

/** The engine operations a sub-flow call uses. */
export interface SubflowHost {
  store: RunStore;
  flows: FlowResolver | undefined;
  start(flow: FlowDocument, options: StartRunOptions): Promise<RunHandle>;
  /** Loads an unfinished run that is not in memory and continues it (recovery of a child). */
  continueRun(runId: string): Promise<void>;
  isActive(runId: string): boolean;
  /** Resolves with the run record once the run has finished (succeeded, failed, cancelled). */
  whenFinished(runId: string): { promise: Promise<RunRecord>; dispose: () => void };
  cancel(runId: string, reason: string): Promise<void>;
}

/** True for statuses a run never leaves. */
export function isTerminal(status: RunRecord['status']): status is 'succeeded' | 'failed' | 'cancelled' {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

function toResult(record: RunRecord): SubflowResult {
  const status = record.status as SubflowResult['status'];
  return record.error
    ? { runId: record.id, status, output: record.output ?? null, error: record.error }
    : { runId: record.id, status, output: record.output ?? null };
}

async function resolveDocument(
  host: SubflowHost,
  ref: SubflowRef,
): Promise<{ document: FlowDocument; version: number | null }> {
  if ('document' in ref) return { document: ref.document, version: null };
  const found = host.flows ? await host.flows.resolve(ref.flowId, ref.version) : undefined;
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
 * Runs a child flow for a node and waits for its end.
 *
 * 1. The child id is derived from parent run, node and key, so a parent node that runs again after a
 *    crash finds its child instead of starting a second one.
 * 2. A finished child returns its stored result; an unfinished one that is not in memory is continued
 *    from its journal; a missing one is started.
 * 3. The parent's signal (cancellation, timeout) cancels the child.
 * A child that suspends on a callback keeps the parent node waiting in memory until it finishes.
 */
export async function runSubflow(
  host: SubflowHost,
  parent: { runId: string; nodeId: string; test: boolean; signal: AbortSignal },
  ref: SubflowRef,
  input: Json,
  key: string,
): Promise<SubflowResult> {
  const childId = childRunIdOf(parent.runId, parent.nodeId, key);
  const finished = host.whenFinished(childId);
  const onAbort = (): void => {
    void host.cancel(childId, 'the parent node was aborted').catch(() => undefined);
  };
  try {
    const existing = await host.store.getRun(childId);
    if (existing && isTerminal(existing.status)) return toResult(existing);
    if (!existing) {
      const { document, version } = await resolveDocument(host, ref);
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
    } else if (!host.isActive(childId) && existing.status !== 'waiting') {
      await host.continueRun(childId);
    }
    if (parent.signal.aborted) onAbort();
    else parent.signal.addEventListener('abort', onAbort, { once: true });
    return toResult(await finished.promise);
  } finally {
    parent.signal.removeEventListener('abort', onAbort);
    finished.dispose();
  }
}
