import { useReactFlow } from '@xyflow/react';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { autoLayout, saveFlow, validateOnServer } from '../app/flow-actions.ts';
import { saveStateLabel } from '../app/save-state.ts';
import { displayKeys } from '../app/shortcuts.ts';
import { serializeDocument } from '../document/serialize.ts';
import { useFitView } from '../hooks/useFitView.ts';
import { useT } from '../i18n/useT.ts';
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
import { EnvironmentSwitch } from './EnvironmentSwitch.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** Props of {@link Toolbar}. */
export interface ToolbarProps {
  runTest(upToSelection: boolean): void;
}

/** The top bar: flow name, save state, history, layout, validation, test run, import/export, theme, help. */
export function Toolbar({ runTest }: ToolbarProps) {
  const { store, commands, api } = useEditor();
  const { t } = useT();
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
        title={t('toolbar.flowSettings')}
        onClick={() => state().select({ nodes: [], edges: [], notes: [] })}
      >
        <strong data-testid="flow-name">{document.name || t('toolbar.untitledFlow')}</strong>
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
          title={t('toolbar.undoTitle', { keys: displayKeys('Mod+Z') })}
          aria-label={t('toolbar.undo')}
        >
          ↶
        </button>
        <button
          type="button"
          className="jx-tool"
          onClick={() => state().redo()}
          disabled={!canRedo}
          title={t('toolbar.redoTitle', { keys: displayKeys('Shift+Mod+Z') })}
          aria-label={t('toolbar.redo')}
        >
          ↷
        </button>
      </div>
      <div className="jx-toolbar-group">
        <button
          type="button"
          className="jx-tool"
          title={t('toolbar.layoutTitle')}
          disabled={!document.nodes.length}
          onClick={() => void autoLayout(store).then(() => requestAnimationFrame(() => fit()))}
        >
          {t('toolbar.layout')}
        </button>
        <button
          type="button"
          className="jx-tool"
          title={t('toolbar.fitTitle')}
          onClick={() => fit()}
          data-testid="fit-view"
        >
          {t('toolbar.fit')}
        </button>
        <button
          type="button"
          className="jx-tool"
          title={t('toolbar.noteTitle')}
          onClick={() => {
            const centre = flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
            commands.addNote(centre);
          }}
        >
          {t('toolbar.note')}
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
          title={t('toolbar.runToHereTitle')}
        >
          {t('toolbar.runToHere')}
        </button>
        <button
          type="button"
          className="jx-tool is-run"
          onClick={() => runTest(false)}
          disabled={running || !document.nodes.length}
          title={t('toolbar.testRunTitle', { keys: displayKeys('Mod+Enter') })}
          data-testid="test-run"
        >
          {running ? t('toolbar.running') : t('toolbar.testRun')}
        </button>
        <button
          type="button"
          className="jx-tool is-primary"
          onClick={() => void saveFlow(store, api)}
          title={t('toolbar.saveTitle', { keys: displayKeys('Mod+S') })}
          data-testid="save"
        >
          {t('toolbar.save')}
        </button>
      </div>
      <div className="jx-toolbar-group">
        <button
          type="button"
          className="jx-tool"
          onClick={() => state().setUi({ dialog: 'flow' })}
          title={t('toolbar.jsonTitle')}
          data-testid="import-export"
        >
          {t('toolbar.json')}
        </button>
        <button
          type="button"
          className="jx-tool"
          onClick={() => state().setUi({ dialog: 'credentials' })}
          title={t('toolbar.credentialsTitle')}
          data-testid="credentials"
        >
          {t('toolbar.credentials')}
        </button>
        <button
          type="button"
          className="jx-tool"
          onClick={() => state().setUi({ dialog: 'history' })}
          title={t('toolbar.runsTitle')}
        >
          {t('toolbar.runs')}
        </button>
        <button
          type="button"
          className="jx-tool"
          onClick={() => state().setUi({ theme: ui.theme === 'dark' ? 'light' : 'dark' })}
          title={t('toolbar.themeTitle')}
          aria-label={t('toolbar.toggleTheme')}
          data-testid="theme"
        >
          {ui.theme === 'dark' ? '☀' : '☾'}
        </button>
        <button
          type="button"
          className="jx-tool"
          onClick={() => state().setUi({ dialog: 'shortcuts' })}
          title={t('toolbar.shortcutsTitle')}
          aria-label={t('toolbar.shortcuts')}
        >
          ?
        </button>
        <EnvironmentSwitch />
        <LanguageSwitch />
      </div>
    </header>
  );
}
