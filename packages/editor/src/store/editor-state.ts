import type { CredentialKindDescriptor, CredentialSummary } from '../api/api-types.ts';
import type { FlowDocument, NodeTypeDescriptor } from '../document/flow-types.ts';
import type { History } from '../document/history.ts';
import type { NodeTypeIndex } from '../document/node-types.ts';
import type { Operation } from '../document/operations.ts';
import type { PortCache } from '../ports/port-cache.ts';
import type { RunView } from '../run/run-state.ts';
import type { ValidationProblem } from '../validation/problem.ts';

/** Node types and credentials the server offers. */
export interface Catalogue {
  nodeTypes: NodeTypeDescriptor[];
  /** `nodeTypes` by type + version (nodes) and newest per type (palette, new nodes). */
  types: NodeTypeIndex;
  credentialKinds: CredentialKindDescriptor[];
  credentials: CredentialSummary[];
  /** False until the credential list was read (the token may lack the scope): unknown ids are then left to the server. */
  credentialsKnown: boolean;
}

/** What is selected on the canvas. */
export interface Selection {
  nodes: string[];
  edges: string[];
  notes: string[];
}

/** A message in the status toast. */
export interface Notice {
  kind: 'info' | 'error';
  message: string;
  code?: string;
  at: number;
}

/** Dialogs the editor can show. */
export type DialogName = 'shortcuts' | 'flow' | 'token' | 'history' | 'versions' | 'credentials' | null;

/** Layout and look. Persisted in localStorage. */
export interface UiState {
  theme: 'light' | 'dark';
  paletteWidth: number;
  inspectorWidth: number;
  runPanelHeight: number;
  dialog: DialogName;
  /** Which tab of the bottom panel is shown. */
  bottomTab: 'run' | 'problems' | 'input' | 'tests';
  /** The minimap is folded away (it covers a corner of the canvas). */
  minimapHidden: boolean;
}

/** The whole state of one editor instance. The document is the source of truth. */
export interface EditorState {
  document: FlowDocument;
  history: History;
  selection: Selection;
  /** Positions of nodes being dragged; committed as one `moveNodes` operation when the drag ends. */
  dragPositions: Record<string, { x: number; y: number }> | null;
  catalogue: Catalogue;
  /** Ports the server derived for configs of dynamic node types (`POST /api/node-types/ports`). */
  ports: PortCache;
  problems: ValidationProblem[];
  /** Bytes of the document as last saved or loaded; differs from the current bytes when there are unsaved edits. */
  savedBytes: string | null;
  /** The flow id of `?flow=` when the server has no such flow; the start panel offers to create it. */
  notFound: string | null;
  /** The current test run, or a stored run shown from the run history. */
  run: RunView | null;
  /** A field pointer (`/config/url`) the inspector should focus, set when jumping to a problem. */
  focusField: string | null;
  notice: Notice | null;
  ui: UiState;
  /** Bumped when a whole new document is shown (opened, imported), so the canvas fits it into view once. */
  viewEpoch: number;
  /** Applies operations as one undoable step. */
  dispatch(ops: Operation[], label: string, coalesceKey?: string): void;
  undo(): void;
  redo(): void;
  select(selection: Partial<Selection>): void;
  setDragPositions(positions: Record<string, { x: number; y: number }> | null): void;
  setCatalogue(catalogue: Partial<Omit<Catalogue, 'types'>>): void;
  setProblems(problems: ValidationProblem[]): void;
  setPorts(ports: PortCache): void;
  setRun(run: RunView | null | ((current: RunView | null) => RunView | null)): void;
  /** Replaces the document without history (opening a flow), and marks it saved. */
  load(document: FlowDocument, savedBytes: string | null): void;
  markSaved(bytes: string): void;
  setNotFound(flowId: string | null): void;
  notify(kind: Notice['kind'], message: string, code?: string): void;
  setUi(patch: Partial<UiState>): void;
  focus(field: string | null): void;
  /** Asks the canvas to fit the flow into view (after opening or importing). */
  requestFit(): void;
}
