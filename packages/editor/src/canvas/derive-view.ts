import { type Edge, type Node, type NodeHandle, Position } from '@xyflow/react';
import type { FlowNodeView } from '../components/FlowNodeCard.tsx';
import type { StickyNoteView } from '../components/StickyNoteCard.tsx';
import type { FlowDocument } from '../document/flow-types.ts';
import { describeNode, type NodeTypeIndex, newerVersionOf } from '../document/node-types.ts';
import { notesOf } from '../document/operations.ts';
import { portsOfNode } from '../document/ports.ts';
import { problemSentence } from '../i18n/problem-sentence.ts';
import { type PortCache, portCacheKey } from '../ports/port-cache.ts';
import type { RunView } from '../run/run-state.ts';
import type { Selection } from '../store/editor-state.ts';
import type { NodeTestFailure } from '../tests-panel/failure-marks.ts';
import type { ValidationProblem } from '../validation/problem.ts';
import { problemsByNode } from '../validation/problem-map.ts';
import { HANDLE_SIZE, handleFraction, NODE_WIDTH, nodeHeight } from './node-size.ts';

/** Prefix of sticky-note ids on the canvas, so they never clash with flow node ids. */
export const NOTE_PREFIX = 'note:';

/** Everything the canvas view is derived from. */
export interface ViewInputs {
  document: FlowDocument;
  /** The server's node types; each node is described by its own type + version. */
  types: NodeTypeIndex;
  selection: Selection;
  run: RunView | null;
  problems: ValidationProblem[];
  /** The server's ports for dynamic node types. */
  ports?: PortCache;
  /** Failures of the last test results by node (the failed-test markers). */
  testFailures?: Map<string, NodeTestFailure[]>;
}

type CacheEntry = { deps: unknown[]; view: FlowNodeView };

/**
 * Handle geometry known in advance: React Flow then needs no measuring pass before it can draw edges,
 * and skips off-screen nodes of a large flow from the first frame instead of rendering all of them once.
 */
function handlesOf(inputs: string[], outputs: string[], height: number): NodeHandle[] {
  const half = HANDLE_SIZE / 2;
  const place = (ports: string[], type: 'source' | 'target'): NodeHandle[] =>
    ports.map((id, i) => ({
      id,
      type,
      position: type === 'target' ? Position.Left : Position.Right,
      x: (type === 'target' ? 0 : NODE_WIDTH) - half,
      y: handleFraction(i, ports.length) * height - half,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    }));
  return [...place(inputs, 'target'), ...place(outputs, 'source')];
}

/**
 * Builds React Flow nodes and edges from the document. Each node view is cached on its inputs, so
 * an edit of one node re-renders one node even in a 1,000-node flow. `measured` sizes are carried over
 * from the previous views (React Flow measures once; a new object without them would flicker).
 */
export function createViewDeriver() {
  let cache = new Map<string, CacheEntry>();
  return function derive(inputs: ViewInputs, previous: Map<string, Node>): { nodes: Node[]; edges: Edge[] } {
    const { document, types, selection, run, problems, ports, testFailures } = inputs;
    const selectedNodes = new Set(selection.nodes);
    const selectedNotes = new Set(selection.notes);
    const selectedEdges = new Set(selection.edges);
    const byNode = problems.length
      ? problemsByNode(problems, document)
      : new Map<string, ValidationProblem[]>();
    const next = new Map<string, CacheEntry>();
    const nodes: Node[] = [];
    for (const note of notesOf(document)) {
      const id = `${NOTE_PREFIX}${note.id}`;
      const view: StickyNoteView = {
        id,
        type: 'note',
        position: note.position,
        data: { note },
        selected: selectedNotes.has(note.id),
        zIndex: -1,
        width: note.size.width,
        height: note.size.height,
      };
      const measured = previous.get(id)?.measured;
      nodes.push(measured ? { ...view, measured } : view);
    }
    for (const node of document.nodes) {
      const descriptor = describeNode(types, node);
      const newerVersion = newerVersionOf(types, node);
      const status = run?.nodes[node.id]?.status;
      const nodeProblems = byNode.get(node.id);
      const failures = testFailures?.get(node.id);
      const selected = selectedNodes.has(node.id);
      // Edges and the server's port answers feed dynamic ports, so they are dependencies only for those types.
      const deps = [
        node,
        descriptor,
        newerVersion,
        status,
        nodeProblems?.length ?? 0,
        nodeProblems?.[0]?.message,
        failures?.length ?? 0,
        failures?.[0]?.message,
        selected,
        descriptor?.dynamicPorts ? document.edges : null,
        descriptor?.dynamicPorts ? ports?.get(portCacheKey(node.type, node.typeVersion, node.config)) : null,
      ];
      const hit = cache.get(node.id);
      let view: FlowNodeView;
      if (hit && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i])) {
        view = hit.view;
      } else {
        const nodePorts = portsOfNode(node, descriptor, document, ports);
        const height = nodeHeight(nodePorts.inputs.length, nodePorts.outputs.length);
        view = {
          id: node.id,
          type: 'flow',
          position: node.position,
          width: NODE_WIDTH,
          height,
          measured: { width: NODE_WIDTH, height },
          handles: handlesOf(nodePorts.inputs, nodePorts.outputs, height),
          selected,
          data: {
            node,
            descriptor,
            newerVersion,
            inputs: nodePorts.inputs,
            outputs: nodePorts.outputs,
            status,
            problem: nodeProblems?.[0] && problemSentence(nodeProblems[0]),
            problemCount: nodeProblems?.length ?? 0,
            testFailure: failures?.[0] && `${failures[0].caseName}: ${failures[0].message}`,
            testFailureCount: failures?.length ?? 0,
          },
        };
      }
      const measured = previous.get(node.id)?.measured;
      if (measured && view.measured !== measured) view = { ...view, measured };
      next.set(node.id, { deps, view });
      nodes.push(view);
    }
    cache = next;
    const edges: Edge[] = document.edges.map((edge) => {
      const sourceStatus = run?.nodes[edge.source.node]?.status;
      const fired =
        sourceStatus === 'succeeded' &&
        run?.nodes[edge.source.node]?.output?.[edge.source.port] !== undefined;
      return {
        id: edge.id,
        source: edge.source.node,
        sourceHandle: edge.source.port,
        target: edge.target.node,
        targetHandle: edge.target.port,
        selected: selectedEdges.has(edge.id),
        className: [edge.source.port === 'error' ? 'is-error-edge' : '', fired ? 'is-fired' : ''].join(' '),
        animated: run?.nodes[edge.target.node]?.status === 'running',
      };
    });
    return { nodes, edges };
  };
}
