import { type ClipboardPayload, copySelection, pasteOperations } from '../document/clipboard.ts';
import { checkConnection } from '../document/connect.ts';
import type { FlowNode, Json, PortRef, StickyNote } from '../document/flow-types.ts';
import { randomId, uniqueEdgeId, uniqueNodeId } from '../document/ids.ts';
import { nodeDescriber } from '../document/node-types.ts';
import { type NodePatch, notesOf } from '../document/operations.ts';
import { type DanglingEnd, edgeToNewNode } from '../document/quick-add.ts';
import { defaultConfig } from '../forms/schema-model.ts';
import { translator } from '../i18n/i18n.ts';
import type { EditorStore } from './editor-store.ts';

/** Editor commands: the user-level actions, each turned into operations on the store. */
export interface EditorCommands {
  addNode(type: string, position: { x: number; y: number }): string | undefined;
  /**
   * Adds a node at `position` already joined to the loose end of a connection dragged onto empty
   * canvas, as one undoable step. Returns the new node's id.
   */
  addConnectedNode(type: string, position: { x: number; y: number }, end: DanglingEnd): string | undefined;
  /** Adds an edge, or explains in a notice why it is refused. Returns whether it was added. */
  connect(source: PortRef, target: PortRef): boolean;
  updateNode(nodeId: string, patch: NodePatch, label?: string, coalesceKey?: string): void;
  deleteSelection(): void;
  copy(): ClipboardPayload | undefined;
  paste(payload: ClipboardPayload, offset?: { x: number; y: number }): void;
  duplicate(): void;
  addNote(position: { x: number; y: number }): void;
  updateNote(id: string, patch: Partial<StickyNote>, coalesceKey?: string): void;
  selectAll(): void;
}

/** Binds the commands to one store. */
export function createCommands(store: EditorStore): EditorCommands {
  const state = () => store.getState();
  // New nodes get the newest version of their type; existing nodes are described by their own version.
  const newNode = (type: string, position: { x: number; y: number }) => {
    const descriptor = state().catalogue.types.latest.get(type);
    if (!descriptor) {
      state().notify('error', translator().t('command.unknownType', { type }), 'JX_NODE_TYPE_UNKNOWN');
      return undefined;
    }
    const node: FlowNode = {
      id: uniqueNodeId(descriptor.title, new Set(state().document.nodes.map((n) => n.id))),
      type: descriptor.type,
      typeVersion: descriptor.version,
      position: { x: Math.round(position.x), y: Math.round(position.y) },
      config: defaultConfig(descriptor.config),
    };
    return { node, descriptor };
  };
  const commands: EditorCommands = {
    addNode(type, position) {
      const made = newNode(type, position);
      if (!made) return undefined;
      state().dispatch(
        [{ kind: 'addElements', nodes: [{ item: made.node }], edges: [] }],
        `Add ${made.descriptor.title}`,
      );
      state().select({ nodes: [made.node.id], edges: [], notes: [] });
      return made.node.id;
    },
    addConnectedNode(type, position, end) {
      const made = newNode(type, position);
      if (!made) return undefined;
      const link = edgeToNewNode(made.node, made.descriptor, end);
      const edges = link
        ? [{ item: { id: uniqueEdgeId(new Set(state().document.edges.map((e) => e.id))), ...link } }]
        : [];
      state().dispatch(
        [{ kind: 'addElements', nodes: [{ item: made.node }], edges }],
        `Add ${made.descriptor.title}`,
      );
      state().select({ nodes: [made.node.id], edges: [], notes: [] });
      return made.node.id;
    },
    connect(source, target) {
      const { document } = state();
      const verdict = checkConnection(
        document,
        source,
        target,
        nodeDescriber(state().catalogue.types),
        state().ports,
      );
      if (!verdict.ok) {
        state().notify('error', verdict.reason, verdict.code);
        return false;
      }
      const id = uniqueEdgeId(new Set(document.edges.map((e) => e.id)));
      state().dispatch(
        [{ kind: 'addElements', nodes: [], edges: [{ item: { id, source, target } }] }],
        'Connect',
      );
      return true;
    },
    updateNode(nodeId, patch, label = translator().t('history.editNode'), coalesceKey) {
      state().dispatch([{ kind: 'updateNode', nodeId, patch }], label, coalesceKey);
    },
    deleteSelection() {
      const { selection, document } = state();
      const ops = [];
      if (selection.nodes.length || selection.edges.length) {
        ops.push({ kind: 'removeElements' as const, nodeIds: selection.nodes, edgeIds: selection.edges });
      }
      if (selection.notes.length) {
        const remove = new Set(selection.notes);
        ops.push({ kind: 'setNotes' as const, notes: notesOf(document).filter((n) => !remove.has(n.id)) });
      }
      const count = selection.nodes.length + selection.edges.length + selection.notes.length;
      state().dispatch(ops, `Delete ${count} item${count === 1 ? '' : 's'}`);
      state().select({ nodes: [], edges: [], notes: [] });
    },
    copy() {
      const { selection, document } = state();
      if (!selection.nodes.length && !selection.notes.length) return undefined;
      return copySelection(document, selection.nodes, selection.notes);
    },
    paste(payload, offset = { x: 40, y: 40 }) {
      const { ops, nodeIds, noteIds } = pasteOperations(state().document, payload, offset);
      state().dispatch(ops, `Paste ${nodeIds.length} node${nodeIds.length === 1 ? '' : 's'}`);
      state().select({ nodes: nodeIds, edges: [], notes: noteIds });
    },
    duplicate() {
      const payload = commands.copy();
      if (payload) commands.paste(payload);
    },
    addNote(position) {
      const note: StickyNote = {
        id: randomId('note'),
        text: translator().t('note.placeholder'),
        position: { x: Math.round(position.x), y: Math.round(position.y) },
        size: { width: 220, height: 120 },
        color: 'yellow',
      };
      state().dispatch(
        [{ kind: 'setNotes', notes: [...notesOf(state().document), note] }],
        translator().t('history.addNote'),
      );
      state().select({ nodes: [], edges: [], notes: [note.id] });
    },
    updateNote(id, patch, coalesceKey) {
      const notes = notesOf(state().document).map((n) => (n.id === id ? { ...n, ...patch } : n));
      state().dispatch([{ kind: 'setNotes', notes }], translator().t('history.editNote'), coalesceKey);
    },
    selectAll() {
      const { document } = state();
      state().select({
        nodes: document.nodes.map((n) => n.id),
        edges: document.edges.map((e) => e.id),
        notes: notesOf(document).map((n) => n.id),
      });
    },
  };
  return commands;
}

/** Sets one config value at a path, immutably; `undefined` removes the key (arrays keep their length). */
export function setConfigValue(
  config: Record<string, Json>,
  path: Array<string | number>,
  value: Json | undefined,
): Record<string, Json> {
  const write = (target: Json | undefined, index: number): Json | undefined => {
    if (index === path.length) return value;
    const key = path[index]!;
    if (typeof key === 'number') {
      const list = Array.isArray(target) ? [...target] : [];
      const child = write(list[key], index + 1);
      list[key] = child === undefined ? null : child;
      return list;
    }
    const object = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
    const child = write(object[key], index + 1);
    if (child === undefined) delete object[key];
    else object[key] = child;
    return object;
  };
  return (write(config, 0) ?? {}) as Record<string, Json>;
}
