import type { FlowDocument, FlowEdge, FlowNode, Json, StickyNote } from './flow-types.ts';
import { randomId, uniqueEdgeId, uniqueNodeId } from './ids.ts';
import { notesOf, type Operation } from './operations.ts';

/** What copy puts on the clipboard: the selected nodes, the edges between them, and sticky notes. */
export interface ClipboardPayload {
  format: 'junction/clipboard@1';
  nodes: FlowNode[];
  edges: FlowEdge[];
  notes: StickyNote[];
}

/** Copies the given nodes with only their internal edges (edges to outside nodes would dangle). */
export function copySelection(
  document: FlowDocument,
  nodeIds: string[],
  noteIds: string[] = [],
): ClipboardPayload {
  const ids = new Set(nodeIds);
  const noteSet = new Set(noteIds);
  return {
    format: 'junction/clipboard@1',
    nodes: document.nodes.filter((n) => ids.has(n.id)),
    edges: document.edges.filter((e) => ids.has(e.source.node) && ids.has(e.target.node)),
    notes: notesOf(document).filter((n) => noteSet.has(n.id)),
  };
}

/** Parses clipboard text; undefined when it is not a Junction clipboard payload. */
export function parseClipboard(text: string): ClipboardPayload | undefined {
  try {
    const value = JSON.parse(text) as Partial<ClipboardPayload>;
    if (
      value?.format !== 'junction/clipboard@1' ||
      !Array.isArray(value.nodes) ||
      !Array.isArray(value.edges)
    ) {
      return undefined;
    }
    return { format: value.format, nodes: value.nodes, edges: value.edges, notes: value.notes ?? [] };
  } catch {
    return undefined;
  }
}

function renameReferences(value: Json, renames: Map<string, string>): Json {
  if (typeof value === 'string') {
    if (!value.startsWith('=')) return value;
    return value.replace(/\$nodes\.([A-Za-z_][A-Za-z0-9_]*)/g, (match, id: string) =>
      renames.has(id) ? `$nodes.${renames.get(id)}` : match,
    );
  }
  if (Array.isArray(value)) return value.map((v) => renameReferences(v, renames));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameReferences(v, renames)]));
  }
  return value;
}

/**
 * Turns a payload into operations that add fresh copies: new ids, positions shifted by `offset`,
 * and `$nodes.<old id>` references between pasted nodes pointed at the copies.
 */
export function pasteOperations(
  document: FlowDocument,
  payload: ClipboardPayload,
  offset: { x: number; y: number },
): { ops: Operation[]; nodeIds: string[]; noteIds: string[] } {
  const taken = new Set(document.nodes.map((n) => n.id));
  const renames = new Map<string, string>();
  for (const node of payload.nodes) {
    const id = uniqueNodeId(node.id.replace(/\d+$/, ''), taken);
    taken.add(id);
    renames.set(node.id, id);
  }
  const nodes = payload.nodes.map((node) => ({
    item: {
      ...node,
      id: renames.get(node.id)!,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
      config: renameReferences(node.config, renames) as FlowNode['config'],
    },
  }));
  const edgeIds = new Set(document.edges.map((e) => e.id));
  const edges = payload.edges
    .filter((e) => renames.has(e.source.node) && renames.has(e.target.node))
    .map((edge) => {
      const id = uniqueEdgeId(edgeIds);
      edgeIds.add(id);
      return {
        item: {
          id,
          source: { node: renames.get(edge.source.node)!, port: edge.source.port },
          target: { node: renames.get(edge.target.node)!, port: edge.target.port },
        },
      };
    });
  const notes = payload.notes.map((note) => ({
    ...note,
    id: randomId('note'),
    position: { x: note.position.x + offset.x, y: note.position.y + offset.y },
  }));
  const ops: Operation[] = [{ kind: 'addElements', nodes, edges }];
  if (notes.length) ops.push({ kind: 'setNotes', notes: [...notesOf(document), ...notes] });
  return { ops, nodeIds: nodes.map((n) => n.item.id), noteIds: notes.map((n) => n.id) };
}
