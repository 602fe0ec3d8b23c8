import { EditorError } from '../errors/editor-error.ts';
import type { FlowDocument, FlowEdge, FlowNode, Json, StickyNote } from './flow-types.ts';

/** A node or edge with the index it had (or should get) in its array, so undo restores order exactly. */
export interface Placed<T> {
  item: T;
  index?: number;
}

/** Fields of the document header an operation may change. `undefined` removes the field. */
export type FlowPatch = Partial<Pick<FlowDocument, 'name' | 'description' | 'settings'>>;

/** Node fields an operation may change (never `id`). `undefined` removes the field. */
export type NodePatch = Partial<Omit<FlowNode, 'id'>>;

/**
 * Every edit of the flow document is one of these. Operations are plain data (serialisable, so
 * history and later collaboration can ship them around) and applied by the pure {@link applyOperation}.
 */
export type Operation =
  | { kind: 'addElements'; nodes: Placed<FlowNode>[]; edges: Placed<FlowEdge>[] }
  | { kind: 'removeElements'; nodeIds: string[]; edgeIds: string[] }
  | { kind: 'moveNodes'; positions: Record<string, { x: number; y: number }> }
  | { kind: 'updateNode'; nodeId: string; patch: NodePatch }
  | { kind: 'updateFlow'; patch: FlowPatch }
  | { kind: 'setNotes'; notes: StickyNote[] }
  | { kind: 'replaceDocument'; document: FlowDocument };

/** The result of applying an operation: the new document and the operation that undoes it. */
export interface Applied {
  document: FlowDocument;
  inverse: Operation;
}

/** Reads the sticky notes kept in `annotations.notes`. */
export function notesOf(document: FlowDocument): StickyNote[] {
  const notes = document.annotations?.notes;
  return Array.isArray(notes) ? (notes as unknown as StickyNote[]) : [];
}

function insertAt<T>(list: T[], placed: Placed<T>[]): T[] {
  const next = [...list];
  // Ascending indices so each insert lands where it was before removal.
  const sorted = [...placed].sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity));
  for (const { item, index } of sorted) {
    if (index === undefined || index > next.length) next.push(item);
    else next.splice(index, 0, item);
  }
  return next;
}

function patchObject<T extends object>(target: T, patch: Partial<T>): { next: T; undo: Partial<T> } {
  const next = { ...target } as Record<string, unknown>;
  const undo: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    undo[key] = (target as Record<string, unknown>)[key];
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return { next: next as T, undo: undo as Partial<T> };
}

function addElements(document: FlowDocument, op: Extract<Operation, { kind: 'addElements' }>): Applied {
  const existing = new Set(document.nodes.map((n) => n.id));
  for (const { item } of op.nodes) {
    if (existing.has(item.id)) {
      throw new EditorError('JX_EDITOR_NODE_EXISTS', `A node with id "${item.id}" already exists.`, {
        nodeId: item.id,
      });
    }
  }
  return {
    document: {
      ...document,
      nodes: insertAt(document.nodes, op.nodes),
      edges: insertAt(document.edges, op.edges),
    },
    inverse: {
      kind: 'removeElements',
      nodeIds: op.nodes.map((n) => n.item.id),
      edgeIds: op.edges.map((e) => e.item.id),
    },
  };
}

function removeElements(document: FlowDocument, op: Extract<Operation, { kind: 'removeElements' }>): Applied {
  const nodeIds = new Set(op.nodeIds);
  const edgeIds = new Set(op.edgeIds);
  // Edges touching a removed node go too, or the document would hold dangling edges.
  const removeEdge = (e: FlowEdge) =>
    edgeIds.has(e.id) || nodeIds.has(e.source.node) || nodeIds.has(e.target.node);
  const removedNodes: Placed<FlowNode>[] = [];
  const removedEdges: Placed<FlowEdge>[] = [];
  for (const [index, item] of document.nodes.entries())
    if (nodeIds.has(item.id)) removedNodes.push({ item, index });
  for (const [index, item] of document.edges.entries())
    if (removeEdge(item)) removedEdges.push({ item, index });
  return {
    document: {
      ...document,
      nodes: document.nodes.filter((n) => !nodeIds.has(n.id)),
      edges: document.edges.filter((e) => !removeEdge(e)),
    },
    inverse: { kind: 'addElements', nodes: removedNodes, edges: removedEdges },
  };
}

function mapNode(document: FlowDocument, nodeId: string, change: (node: FlowNode) => FlowNode): FlowDocument {
  let found = false;
  const nodes = document.nodes.map((node) => {
    if (node.id !== nodeId) return node;
    found = true;
    return change(node);
  });
  if (!found) {
    throw new EditorError('JX_EDITOR_NODE_UNKNOWN', `Node "${nodeId}" is not in the flow.`, { nodeId });
  }
  return { ...document, nodes };
}

/**
 * Applies one operation to a document without mutating it and returns the inverse operation.
 * Unchanged nodes and edges keep their identity, so views can skip re-rendering them.
 */
export function applyOperation(document: FlowDocument, op: Operation): Applied {
  switch (op.kind) {
    case 'addElements':
      return addElements(document, op);
    case 'removeElements':
      return removeElements(document, op);
    case 'moveNodes': {
      const before: Record<string, { x: number; y: number }> = {};
      const nodes = document.nodes.map((node) => {
        const position = op.positions[node.id];
        if (!position) return node;
        before[node.id] = node.position;
        return { ...node, position: { x: Math.round(position.x), y: Math.round(position.y) } };
      });
      return { document: { ...document, nodes }, inverse: { kind: 'moveNodes', positions: before } };
    }
    case 'updateNode': {
      let undo: Partial<FlowNode> = {};
      const next = mapNode(document, op.nodeId, (node) => {
        const result = patchObject<FlowNode>(node, op.patch as Partial<FlowNode>);
        undo = result.undo;
        return result.next;
      });
      return { document: next, inverse: { kind: 'updateNode', nodeId: op.nodeId, patch: undo as NodePatch } };
    }
    case 'updateFlow': {
      const { next, undo } = patchObject<FlowDocument>(document, op.patch as Partial<FlowDocument>);
      return { document: next, inverse: { kind: 'updateFlow', patch: undo as FlowPatch } };
    }
    case 'setNotes': {
      const before = notesOf(document);
      const annotations = { ...(document.annotations ?? {}) };
      if (op.notes.length) annotations.notes = op.notes as unknown as Json;
      else delete annotations.notes;
      const next: FlowDocument = { ...document, annotations };
      if (!Object.keys(annotations).length) delete next.annotations;
      return { document: next, inverse: { kind: 'setNotes', notes: before } };
    }
    case 'replaceDocument':
      return { document: op.document, inverse: { kind: 'replaceDocument', document } };
  }
}

/** Applies operations in order; the inverse list undoes them in reverse order. */
export function applyOperations(
  document: FlowDocument,
  ops: Operation[],
): { document: FlowDocument; inverse: Operation[] } {
  const inverse: Operation[] = [];
  let current = document;
  for (const op of ops) {
    const applied = applyOperation(current, op);
    current = applied.document;
    inverse.unshift(applied.inverse);
  }
  return { document: current, inverse };
}
