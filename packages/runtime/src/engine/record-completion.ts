import type { Json } from '../flow/json.ts';
import type { NodeOutputs } from '../node/node-result.ts';
import type { EngineCore } from './engine-core.ts';
import { settleNode } from './find-ready-nodes.ts';
import type { JournalWriter } from './journal-writer.ts';
import { NodeStatus, type RunState } from './run-state.ts';

/** The parts of a run in memory that a completed node updates. */
export interface CompletingRun {
  readonly id: string;
  readonly core: EngineCore;
  readonly state: RunState;
  readonly journal: JournalWriter;
}

/**
 * Records a node's completion: outputs into the run state (and `$nodes`), a `node.completed` journal
 * entry, the event, and the settling of its out-edges, which pushes newly ready nodes onto `ready`.
 */
export function recordCompletion(
  run: CompletingRun,
  index: number,
  outputs: NodeOutputs,
  data: Json | undefined,
  ready: number[],
  durationMs: number,
): void {
  const { state, core } = run;
  const node = state.graph.nodes[index]!;
  const at = core.options.now();
  state.status[index] = NodeStatus.completed;
  state.outputs[index] = outputs;
  state.nodesBinding[node.id] = outputs;
  run.journal.append(
    data === undefined
      ? { type: 'node.completed', nodeId: node.id, at, output: outputs, durationMs }
      : { type: 'node.completed', nodeId: node.id, at, output: outputs, durationMs, data },
  );
  if (core.observed) {
    core.emit({
      type: 'node.completed',
      runId: run.id,
      nodeId: node.id,
      nodeType: node.node.type,
      output: outputs,
      durationMs,
    });
  }
  settleNode(state.graph, state, index, ready);
}
