import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FlowDocument } from '../document/flow-types.ts';
import { emptyHistory, record, redoStep, undoStep } from '../document/history.ts';
import { EMPTY_NODE_TYPE_INDEX, indexNodeTypes } from '../document/node-types.ts';
import { applyOperations, type Operation } from '../document/operations.ts';
import { EditorError } from '../errors/editor-error.ts';
import { errorSentence } from '../i18n/error-sentence.ts';
import { translator } from '../i18n/i18n.ts';
import { EMPTY_PORT_CACHE } from '../ports/port-cache.ts';
import type { EditorState, UiState } from './editor-state.ts';

/** One editor's store. Each editor instance creates its own; nothing is global. */
export type EditorStore = StoreApi<EditorState>;

/** Options for {@link createEditorStore}. */
export interface EditorStoreOptions {
  document?: FlowDocument;
  ui?: Partial<UiState>;
  now?: () => number;
}

/** A new, empty flow. */
export function emptyDocument(id = 'untitled-flow', name = translator().t('flow.untitled')): FlowDocument {
  return { schemaVersion: 1, id, name, nodes: [], edges: [] };
}

/** Default layout. */
export const DEFAULT_UI: UiState = {
  theme: 'light',
  paletteWidth: 248,
  inspectorWidth: 360,
  runPanelHeight: 220,
  dialog: null,
  bottomTab: 'run',
  minimapHidden: false,
};

/**
 * Creates the store of one editor instance. Edits go through `dispatch`, which applies pure
 * operations and records their inverses; undo and redo replay those, so every edit is undoable.
 */
export function createEditorStore(options: EditorStoreOptions = {}): EditorStore {
  const now = options.now ?? Date.now;
  return createStore<EditorState>()((set, get) => {
    const replay = (ops: Operation[]) => applyOperations(get().document, ops).document;
    const pruneSelection = (document: FlowDocument) => {
      const nodes = new Set(document.nodes.map((n) => n.id));
      const edges = new Set(document.edges.map((e) => e.id));
      const { selection } = get();
      return {
        ...selection,
        nodes: selection.nodes.filter((id) => nodes.has(id)),
        edges: selection.edges.filter((id) => edges.has(id)),
      };
    };
    return {
      document: options.document ?? emptyDocument(),
      history: emptyHistory(),
      selection: { nodes: [], edges: [], notes: [] },
      dragPositions: null,
      catalogue: {
        nodeTypes: [],
        types: EMPTY_NODE_TYPE_INDEX,
        credentialKinds: [],
        credentials: [],
        credentialsKnown: false,
      },
      ports: EMPTY_PORT_CACHE,
      problems: [],
      savedBytes: null,
      notFound: null,
      run: null,
      focusField: null,
      notice: null,
      ui: { ...DEFAULT_UI, ...options.ui },
      viewEpoch: 0,
      dispatch(ops, label, coalesceKey) {
        if (!ops.length) return;
        try {
          const { document, inverse } = applyOperations(get().document, ops);
          const history = record(get().history, { forward: ops, inverse, label, coalesceKey, at: now() });
          set({ document, history });
          set({ selection: pruneSelection(document) });
        } catch (error) {
          const known = error instanceof EditorError;
          get().notify(
            'error',
            known ? errorSentence(error) : translator().t('edit.failed', { reason: String(error) }),
            known ? error.code : 'JX_EDITOR_EDIT_FAILED',
          );
        }
      },
      undo() {
        const step = undoStep(get().history);
        if (!step) return;
        const document = replay(step.ops);
        set({ document, history: step.history });
        set({ selection: pruneSelection(document) });
      },
      redo() {
        const step = redoStep(get().history);
        if (!step) return;
        const document = replay(step.ops);
        set({ document, history: step.history });
        set({ selection: pruneSelection(document) });
      },
      select(selection) {
        set({ selection: { ...get().selection, ...selection } });
      },
      setDragPositions(dragPositions) {
        set({ dragPositions });
      },
      setCatalogue(patch) {
        const catalogue = { ...get().catalogue, ...patch };
        if (patch.nodeTypes) catalogue.types = indexNodeTypes(patch.nodeTypes);
        set({ catalogue });
      },
      setProblems(problems) {
        set({ problems });
      },
      setPorts(ports) {
        set({ ports });
      },
      setRun(run) {
        set({ run: typeof run === 'function' ? run(get().run) : run });
      },
      load(document, savedBytes) {
        set({
          document,
          savedBytes,
          history: emptyHistory(),
          selection: { nodes: [], edges: [], notes: [] },
          run: null,
          notFound: null,
        });
      },
      markSaved(savedBytes) {
        set({ savedBytes, notFound: null });
      },
      setNotFound(notFound) {
        set({ notFound });
      },
      notify(kind, message, code) {
        set({ notice: { kind, message, at: now(), ...(code && { code }) } });
      },
      setUi(patch) {
        set({ ui: { ...get().ui, ...patch } });
      },
      focus(focusField) {
        set({ focusField });
      },
      requestFit() {
        set({ viewEpoch: get().viewEpoch + 1 });
      },
    };
  });
}
