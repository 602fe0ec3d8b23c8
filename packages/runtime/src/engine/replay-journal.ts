import type { ErrorInfo } from '../errors/junction-error.ts';
import type { NodeOutputs, ResumeReason } from '../node/node-result.ts';
import type { JournalEntry } from '../store/run-records.ts';
import { rootNodes, settleNode } from './find-ready-nodes.ts';
import type { RunPlan } from './run-state.ts';
import { NodeStatus, type RunState } from './run-state.ts';
import type { WaitingNode } from './suspension-store.ts';

/** What replaying a journal found, for the engine to continue the run. */
export interface ReplayResult {
  /** Nodes whose inputs have all settled (same meaning as during a live run). */
  ready: number[];
  /** Waiting nodes whose resume was journaled but whose rerun had not completed. */
  resumed: { nodeId: string; reason: ResumeReason }[];
  /** A node failed for good and the run had not yet recorded its failure. */
  failure?: ErrorInfo;
  /** The run's terminal entry, when the journal already has one. */
  terminal?: JournalEntry;
  lastSeq: number;
}

/** The start options journaled in `run.started` (empty for a journal that lost it). */
export function planOf(entries: JournalEntry[]): RunPlan {
  const first = entries[0];
  return first?.type === 'run.started' && first.data && typeof first.data === 'object'
    ? (first.data as RunPlan)
    : {};
}

/**
 * Rebuilds a run's state from its journal: the journal is the truth.
 *
 * 1. Start from the roots, as a new run does.
 * 2. `node.completed` restores the outputs and settles the node exactly as live scheduling does, so the
 *    same nodes become ready; `node.skipped` settles it dead. Completed nodes never run again.
 * 3. `node.started` without a later completion leaves the node `interrupted`: it was in flight at the crash
 *    and runs again (same idempotency key; attempts continue from the journaled count).
 * 4. `node.waiting` puts the node back to waiting (the wait and timer are still in the store);
 *    a later `node.resumed` means a callback or timer was consumed: the node reruns with that reason.
 * 5. `node.failed` with no later completion means the run was failing: the engine records the failure.
 * 6. `run.retried` (a failed run reopened) forgets the failure and the terminal entry before it: nodes
 *    that never completed run again — the same idempotency key, a fresh count of attempts.
 */
export function replayJournal(
  state: RunState,
  entries: JournalEntry[],
  waiting: Map<number, WaitingNode>,
): ReplayResult {
  const { graph, status } = state;
  const ready = rootNodes(graph);
  const resumed = new Map<number, ResumeReason>();
  const failures = new Map<number, ErrorInfo>();
  let terminal: JournalEntry | undefined;
  for (const entry of entries) {
    if (entry.type === 'run.retried') {
      terminal = undefined;
      failures.clear();
      for (let index = 0; index < status.length; index++) {
        if (status[index] !== NodeStatus.completed && status[index] !== NodeStatus.skipped)
          state.attempts[index] = 0;
      }
      continue;
    }
    if (entry.type === 'run.completed' || entry.type === 'run.failed' || entry.type === 'run.cancelled') {
      terminal = entry;
      continue;
    }
    const index = entry.nodeId === undefined ? undefined : graph.byId.get(entry.nodeId);
    if (index === undefined) continue;
    switch (entry.type) {
      case 'node.started':
        status[index] = NodeStatus.interrupted;
        state.attempts[index] = Math.max(state.attempts[index]!, entry.attempt ?? 1);
        break;
      case 'node.failed':
        if (entry.error) failures.set(index, entry.error);
        break;
      case 'node.completed': {
        const outputs = (entry.output ?? {}) as NodeOutputs;
        failures.delete(index);
        resumed.delete(index);
        waiting.delete(index);
        status[index] = NodeStatus.completed;
        state.outputs[index] = outputs;
        state.nodesBinding[graph.nodes[index]!.id] = outputs;
        settleNode(graph, state, index, ready);
        break;
      }
      case 'node.skipped':
        status[index] = NodeStatus.skipped;
        settleNode(graph, state, index, ready);
        break;
      case 'node.waiting':
        status[index] = NodeStatus.waiting;
        resumed.delete(index);
        waiting.set(index, entry.data as unknown as WaitingNode);
        break;
      case 'node.resumed':
        resumed.set(index, entry.data as unknown as ResumeReason);
        break;
      default:
        break;
    }
  }
  const result: ReplayResult = {
    ready,
    resumed: [...resumed].map(([index, reason]) => {
      // Back to waiting so the executor's resume path applies (ctx.resumed and ctx.state).
      status[index] = NodeStatus.waiting;
      return { nodeId: graph.nodes[index]!.id, reason };
    }),
    lastSeq: entries.at(-1)?.seq ?? 0,
  };
  const failure = failures.values().next();
  if (!failure.done) result.failure = failure.value;
  if (terminal) result.terminal = terminal;
  return result;
}
