import type { Json } from '../flow/json.ts';
import type { RunInfo } from '../node/node-context.ts';
import type { NodeOutputs } from '../node/node-result.ts';
import type { RunRecord } from '../store/run-records.ts';
import type { FlowGraph } from './flow-graph.ts';
import type { GatheredInputs } from './node-inputs.ts';

/** Execution status of one node inside a run. Numbers, so a run's statuses fit in one typed array. */
export const NodeStatus = {
  pending: 0,
  queued: 1,
  running: 2,
  completed: 3,
  skipped: 4,
  waiting: 5,
  failed: 6,
  /** Started in a previous process and never finished (from the journal): runs again. */
  interrupted: 7,
} as const;

/** Start options that must survive a crash; journaled in `run.started` data. */
export interface RunPlan {
  /** The trigger node the run starts from (other triggers are skipped). */
  trigger?: string;
  stopAfter?: string;
  pinned?: Record<string, NodeOutputs>;
}

/**
 * Everything the scheduler knows about one run, in flat arrays indexed by node and input-port slot
 * so the hot path allocates nothing per node. Rebuilt from the journal after a crash.
 */
export class RunState {
  readonly status: Uint8Array;
  readonly outputs: (NodeOutputs | undefined)[];
  /** Per slot: edges into the port that have not settled yet. */
  readonly pendingEdges: Int32Array;
  /** Per slot: 1 once some edge delivered a value. */
  readonly liveSlots: Uint8Array;
  /** Per node: connected input ports not settled yet. */
  readonly pendingPorts: Int32Array;
  /** Per node: settled input ports that carry a value. */
  readonly livePorts: Int32Array;
  /** Per node: 1 once a first-arrival node has been made ready by an input with a value. */
  readonly arrived: Uint8Array;
  /** Inputs of first-arrival nodes as they stood when the first value arrived; later ones are ignored. */
  readonly arrivedInputs = new Map<number, GatheredInputs>();
  /** Attempts already made per node (from the journal after a crash). */
  readonly attempts: Int32Array;
  /** `$nodes` binding for expressions: outputs of completed nodes by id. */
  readonly nodesBinding: Record<string, NodeOutputs> = {};
  /** Nodes that may not run in this run (stopAfter); undefined = all may run. */
  allowed: Uint8Array | undefined;
  readonly info: RunInfo;

  constructor(
    readonly graph: FlowGraph,
    public record: RunRecord,
    readonly plan: RunPlan,
  ) {
    const count = graph.nodes.length;
    this.status = new Uint8Array(count);
    this.outputs = new Array(count).fill(undefined);
    this.pendingEdges = new Int32Array(graph.slotCount);
    this.liveSlots = new Uint8Array(graph.slotCount);
    this.pendingPorts = new Int32Array(count);
    this.livePorts = new Int32Array(count);
    this.arrived = new Uint8Array(count);
    this.attempts = new Int32Array(count);
    for (const node of graph.nodes) {
      this.pendingPorts[node.index] = node.inPorts.length;
      for (const port of node.inPorts) this.pendingEdges[port.slot] = port.sources.length;
    }
    this.info = {
      id: record.id,
      flowId: record.flowId,
      flowVersion: record.flowVersion,
      startedAt: record.createdAt,
      test: record.test,
    };
  }

  /** The run input (trigger payload). */
  get input(): Json {
    return this.record.input;
  }
}
