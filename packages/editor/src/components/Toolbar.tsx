import { useReactFlow } from '@xyflow/react';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { autoLayout, saveFlow, validateOnServer } from '../app/flow-actions.ts';
import { saveStateLabel } from '../app/save-state.ts';
import { displayKeys } from '../app/shortcuts.ts';
import { serializeDocument } from '../document/serialize.ts';
import { useFitView } from '../hooks/useFitView.ts';
import {
  selectCanRedo,
  selectCanUndo,
  selectDocument,
  selectProblems,
  selectRun,
  selectSavedBytes,
  selectSingleNodeId,
  selectUi,
} from '../store/selectors.ts';
import { summarizeProblems } from '../validation/problem-summary.ts';

/** Props of {@link Toolbar}. */
export interface ToolbarProps {
  runTest(upToSelection: boolean): void;
}

/** The top bar: flow name, save state, history, layout, validation, test run, import/export, theme, help. */
export function Toolbar({ runTest }: ToolbarProps) {
  const { store, commands, api } = useEditor();
  const document = useEditorState(selectDocument);
  const savedBytes = useEditorState(selectSavedBytes);
  const canUndo = useEditorState(selectCanUndo);
  const canRedo = useEditorState(selectCanRedo);
  const problems = useEditorState(selectProblems);
  const ui = useEditorState(selectUi);
  const run = useEditorState(selectRun);
  const selected = useEditorState(selectSingleNodeId);
  const flow = useReactFlow();
  const fit = useFitView();
  const saveState = saveStateLabel(savedBytes, serializeDocument(document));
  const summary = summarizeProblems(problems, document.nodes.length === 0);
  const running = run?.status === 'starting' || run?.status === 'running';
  const state = store.getState;
  return (
    <header className="jx-toolbar">
      <div className="jx-brand" aria-hidden>
        J
      </div>
      <button
        type="button"
        className="jx-flow-name"
        title="Flow settings"
        onClick={() => state().select({ nodes: [], edges: [], notes: [] })}
      >
        <strong data-testid="flow-name">{document.name || 'Untitled flow'}</strong>
        <span className={`jx-save-state ${saveState.dirty ? 'is-dirty' : ''}`} data-testid="save-state">
          {saveState.label}
        </span>
      </button>
      <div className="jx-toolbar-group">
        <button
          type="button"
          className="jx-tool"
          onClick={() => state().undo()}
          disabled={!canUndo}
          title={`Undo (${displayKeys('Mod+Z')})`}
          aria-label="Undo"
        >
          ↶
        </button>
        <button
          type="button"
          className="jx-tool"
          onClick={() => state().redo()}
          disabled={!canRedo}
          title={`Redo (${displayKeys('Shift+Mod+Z')})`}
          aria-label="Redo"
        >
          ↷
        </button>
      </div>
      <div className="jx-toolbar-group">
        <button
          type="button"
          className="jx-tool"
          title="Auto-layout (Shift+L)"
          disabled={!document.nodes.length}
          onClick={() => void autoLayout(store).then(() => requestAnimationFrame(() => fit()))}
        >
          ⇶ Layout
        </button>
        <button
          type="button"
          className="jx-tool"
          title="Fit view (Shift+F)"
          onClick={() => fit()}
          data-testid="fit-view"
        >
          ⤢ Fit
        </button>
        <button
          type="button"
          className="jx-tool"
          title="Add a sticky note (Shift+N)"
          onClick={() => {
            const centre = flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
            commands.addNote(centre);
          }}
        >
          ✎ Note
        </button>
      </div>
      <div className="jx-toolbar-group">
        <button
          type="button"
          className={`jx-tool is-${summary.tone}`}
          onClick={() => {
            state().setUi({ bottomTab: 'problems' });
            void validateOnServer(store, api);
          }}
          title={summary.title}
          data-testid="validate"
        >
          {summary.label}
        </button>
      </div>
      <div className="jx-spacer" />
      <div className="jx-toolbar-group">
        <button
          type="button"
          className="jx-tool"
          onClick={() => runTest(true)}
          disabled={!selected || running}
          title="Run the flow up to the selected node (Shift+Mod+Enter)"
        >
          ▶| Run to here
        </button>
        <button
          type="button"
          className="jx-tool is-run"
          onClick={() => runTest(false)}
          disabled={running || !document.nodes.length}
          title={`Test run (${displayKeys('Mod+Enter')})`}
          data-testid="test-run"
        >
          {running ? '… Running' : '▶ Test run'}
        </button>
        <button
          type="button"
          className="jx-tool is-primary"
          onClick={() => void saveFlow(store, api)}
          title={`Save (${displayKeys('Mod+S')})`}
          data-testid="save"
        >
          Save
        </button>
      </div>
      <div className="jx-toolbar-group">
        <button
          type="button"
          className="jx-tool"
          onClick={() => state().setUi({ dialog: 'flow' })}
          title="Import or export the flow JSON"
          data-testid="import-export"
        >
          ⇅ JSON
        </button>
        <button
          type="button"
          className="jx-tool"
          onClick={() => state().setUi({ dialog: 'credentials' })}
          title="Credentials: API keys, tokens and signing secrets"
          data-testid="credentials"
        >
          Credentials
        </button>
        <button
          type="button"
          className="jx-tool"
          onClick={() => state().setUi({ dialog: 'history' })}
          title="Flows, run history and metrics"
        >
          ☰ Runs
        </button>
        <button
          type="button"
          className="jx-tool"
          onClick={() => state().setUi({ theme: ui.theme === 'dark' ? 'light' : 'dark' })}
          title="Light or dark theme"
          aria-label="Toggle theme"
        >
          {ui.theme === 'dark' ? '☀' : '☾'}
        </button>
        <button
          type="button"
          className="jx-tool"
          onClick={() => state().setUi({ dialog: 'shortcuts' })}
          title="Keyboard shortcuts (?)"
          aria-label="Keyboard shortcuts"
        >
          ?
        </button>
      </div>
    </header>
  );
}
