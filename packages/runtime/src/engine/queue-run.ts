import { JunctionError } from '../errors/junction-error.ts';
import type { FlowDocument } from '../flow/flow-types.ts';
import { hashFlow } from '../flow/hash-flow.ts';
import type { Json } from '../flow/json.ts';
import type { RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { newRunId } from './deterministic-ids.ts';
import type { StartRunOptions } from './engine-types.ts';
import type { RunPlan } from './run-state.ts';

/**
 * Records a run for some engine to execute later — what an API process does instead of running it.
 *
 * 1. The flow's snapshot is stored under its hash (engines load runs by hash).
 * 2. `run.started` is journaled with the plan (trigger, pinned outputs, stop-after), as `start` does.
 * 3. Only then is the run created, `queued` and without a lease: from this moment it is durable,
 *    and any engine's recovery (`listOrphanRuns`) or an explicit `Engine.wake` continues it.
 *
 * Fails with `JX_RUN_EXISTS` when the id is taken (an idempotent request repeated), before writing
 * anything the existing run could see; `JX_TRIGGER_UNKNOWN` for a trigger the flow lacks.
 */
export async function queueRun(
  store: RunStore,
  flow: FlowDocument,
  options: StartRunOptions = {},
  now: number = Date.now(),
): Promise<RunRecord> {
  const id = options.runId ?? newRunId();
  if (options.triggerNodeId !== undefined && !flow.nodes.some((n) => n.id === options.triggerNodeId)) {
    throw new JunctionError(
      'JX_TRIGGER_UNKNOWN',
      `Trigger node ${options.triggerNodeId} is not in flow ${flow.id}.`,
      { flowId: flow.id, nodeId: options.triggerNodeId },
    );
  }
  if (await store.getRun(id)) {
    throw new JunctionError('JX_RUN_EXISTS', `Run ${id} already exists; start the run with a new id.`, {
      runId: id,
    });
  }
  const flowHash = hashFlow(flow);
  await store.putFlowSnapshot(flowHash, flow);
  const plan: RunPlan = {};
  if (options.triggerNodeId !== undefined) plan.trigger = options.triggerNodeId;
  if (options.stopAfter !== undefined) plan.stopAfter = options.stopAfter;
  if (options.pinned !== undefined) plan.pinned = options.pinned;
  // Seq 1 is idempotent by (runId, seq): a concurrent duplicate writes the same row or loses.
  await store.appendJournal([
    { runId: id, seq: 1, type: 'run.started', at: now, data: plan as unknown as Json },
  ]);
  await store.flush();
  const record: RunRecord = {
    id,
    flowId: flow.id,
    flowVersion: options.flowVersion ?? null,
    flowHash,
    status: 'queued',
    input: options.input ?? null,
    test: options.test === true,
    createdAt: now,
    updatedAt: now,
  };
  if (options.parentRunId !== undefined) record.parentRunId = options.parentRunId;
  if (options.tags !== undefined) record.tags = options.tags;
  await store.createRun(record);
  return record;
}
