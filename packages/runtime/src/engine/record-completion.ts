import type { Json } from '../flow/json.ts';
import type { NodeOutputs } from '../node/node-result.ts';
import type { EngineCore } from './engine-core.ts';
import { settleNode } from './find-ready-nodes.ts';
import type { GraphNode } from './flow-graph.ts';
import type { JournalWriter } from './journal-writer.ts';
import { gatherInputs } from './node-inputs.ts';
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
  const entry = run.journal.append(
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
      // As journaled: sensitive values sealed (the state above keeps them plain for downstream nodes).
      output: entry.output as NodeOutputs,
      durationMs,
    });
  }
  settleNode(state.graph, state, index, ready);
}

/** Records a skipped node (dead inputs, not allowed by `stopAfter`, another trigger): its outputs are dead. */
export function recordSkip(run: CompletingRun, index: number, ready: number[]): void {
  const { state, core } = run;
  const nodeId = state.graph.nodes[index]!.id;
  state.status[index] = NodeStatus.skipped;
  run.journal.append({ type: 'node.skipped', nodeId, at: core.options.now() });
  if (core.observed) core.emit({ type: 'node.skipped', runId: run.id, nodeId });
  settleNode(state.graph, state, index, ready);
}

/** What a disabled node emits: its main input (`in`, else the first live one) on its first output. */
export function passThrough(state: RunState, node: GraphNode): NodeOutputs {
  const { input, inputs } = gatherInputs(state, node);
  const passed = input ?? Object.values(inputs)[0] ?? null;
  return node.outputs[0] === undefined ? {} : { [node.outputs[0]]: passed };
}
