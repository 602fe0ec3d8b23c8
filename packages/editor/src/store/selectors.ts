import type { EditorState } from './editor-state.ts';

// Selectors are declared once so React components subscribe with stable functions.

/** The flow document. */
export const selectDocument = (s: EditorState) => s.document;
/** Node type catalogue. */
export const selectCatalogue = (s: EditorState) => s.catalogue;
/** Canvas selection. */
export const selectSelection = (s: EditorState) => s.selection;
/** Ports the server derived for dynamic node types. */
export const selectPorts = (s: EditorState) => s.ports;
/** Validation problems. */
export const selectProblems = (s: EditorState) => s.problems;
/** The current test run. */
export const selectRun = (s: EditorState) => s.run;
/** Layout and theme. */
export const selectUi = (s: EditorState) => s.ui;
/** The current notice. */
export const selectNotice = (s: EditorState) => s.notice;
/** Whether undo and redo are possible. */
export const selectCanUndo = (s: EditorState) => s.history.past.length > 0;
/** Whether redo is possible. */
export const selectCanRedo = (s: EditorState) => s.history.future.length > 0;
/** The single selected node id, when exactly one node is selected. */
export const selectSingleNodeId = (s: EditorState) =>
  s.selection.nodes.length === 1 ? s.selection.nodes[0]! : null;
/** The field the inspector should focus. */
export const selectFocusField = (s: EditorState) => s.focusField;
/** The document bytes as last saved. */
export const selectSavedBytes = (s: EditorState) => s.savedBytes;
/** Changes when the canvas should fit a newly shown document. */
export const selectViewEpoch = (s: EditorState) => s.viewEpoch;
/** The `?flow=` id the server did not know, while the new flow of that id is not saved. */
export const selectNotFound = (s: EditorState) => s.notFound;
