import { JunctionError } from '../errors/junction-error.ts';
import { hasExpressions } from '../expression/resolve-config.ts';
import type { FlowDocument, FlowNode, OnError, RetryPolicy } from '../flow/flow-types.ts';
import type { NodeTypeDefinition } from '../node/node-type.ts';
import { type NodeRegistry, portsOf } from '../node/registry.ts';
import { runsOnFirstArrival } from './first-arrival.ts';
import { hasSideEffects } from './side-effects.ts';

/** One connected input port of a node: the edges that feed it, in document order. */
export interface GraphInPort {
  name: string;
  /** Offset of this port in the run state's per-port arrays. */
  slot: number;
  sources: { node: number; port: string }[];
}

/** An edge leaving a node, pre-resolved to indexes. */
export interface GraphOutEdge {
  port: string;
  target: number;
  /** Per-port slot of the target input port. */
  slot: number;
}

/** A node with everything the executor needs precomputed once per flow document. */
export interface GraphNode {
  index: number;
  id: string;
  node: FlowNode;
  /** `ctx.node`, built once. */
  ref: { id: string; type: string; name?: string };
  definition: NodeTypeDefinition;
  outputs: string[];
  inPorts: GraphInPort[];
  outEdges: GraphOutEdge[];
  /** True when some config string starts with `=` (otherwise resolution is skipped). */
  hasExpressions: boolean;
  trigger: boolean;
  /** The node may act outside the run: every earlier step is made durable before it starts. */
  sideEffects: boolean;
  /** `readiness: 'any'`: runs once, at the first input that has a value (see `find-ready-nodes.ts`). */
  firstArrival: boolean;
  retry: RetryPolicy | undefined;
  onError: OnError;
}

/** A flow document compiled for execution; shared by every run of the same document. */
export interface FlowGraph {
  document: FlowDocument;
  hash: string;
  nodes: GraphNode[];
  byId: Map<string, number>;
  /** Total number of connected input ports (size of the per-port arrays). */
  slotCount: number;
  /** Nodes with no outgoing edge: their outputs form the run's output. */
  sinks: number[];
  hasTriggers: boolean;
}

/**
 * Compiles a document: resolves node types, ports and edges to indexes.
 * Throws `JX_FLOW_INVALID` for edges naming unknown nodes and `JX_NODE_TYPE_UNKNOWN` for unknown types;
 * full validation (`validateFlow`) is the caller's job before saving a flow.
 */
export function compileFlowGraph(document: FlowDocument, hash: string, registry: NodeRegistry): FlowGraph {
  const byId = new Map<string, number>();
  const nodes: GraphNode[] = document.nodes.map((node, index) => {
    if (byId.has(node.id)) {
      throw new JunctionError('JX_FLOW_INVALID', `Flow ${document.id} has two nodes with id ${node.id}.`, {
        flowId: document.id,
        nodeId: node.id,
      });
    }
    byId.set(node.id, index);
    const definition = registry.get(node.type, node.typeVersion);
    return {
      index,
      id: node.id,
      node,
      ref: Object.freeze(
        node.name === undefined
          ? { id: node.id, type: node.type }
          : { id: node.id, type: node.type, name: node.name },
      ),
      definition,
      outputs: portsOf(definition, node.config).outputs,
      inPorts: [],
      outEdges: [],
      hasExpressions: hasExpressions(node.config, definition.rawConfigKeys),
      trigger: definition.trigger === true,
      sideEffects: hasSideEffects(definition, node.config),
      firstArrival: runsOnFirstArrival(definition, node.config),
      retry: node.retry,
      onError: node.onError ?? 'fail',
    };
  });
  const lookup = (id: string, edgeId: string): GraphNode => {
    const index = byId.get(id);
    if (index === undefined) {
      throw new JunctionError(
        'JX_FLOW_INVALID',
        `Edge ${edgeId} of flow ${document.id} refers to node ${id}, which does not exist.`,
        { flowId: document.id, edgeId, nodeId: id },
      );
    }
    return nodes[index]!;
  };
  let slotCount = 0;
  for (const edge of document.edges) {
    const source = lookup(edge.source.node, edge.id);
    const target = lookup(edge.target.node, edge.id);
    let inPort = target.inPorts.find((port) => port.name === edge.target.port);
    if (!inPort) {
      inPort = { name: edge.target.port, slot: slotCount++, sources: [] };
      target.inPorts.push(inPort);
    }
    inPort.sources.push({ node: source.index, port: edge.source.port });
    source.outEdges.push({ port: edge.source.port, target: target.index, slot: inPort.slot });
  }
  return {
    document,
    hash,
    nodes,
    byId,
    slotCount,
    sinks: nodes.filter((node) => node.outEdges.length === 0).map((node) => node.index),
    hasTriggers: nodes.some((node) => node.trigger),
  };
}
