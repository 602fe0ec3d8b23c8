import { useCallback } from 'react';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { useKeyboardShortcuts } from '../hooks/useKeyboardShortcuts.ts';
import { useLiveValidation } from '../hooks/useLiveValidation.ts';
import { usePortResolver } from '../hooks/usePortResolver.ts';
import { useT } from '../i18n/useT.ts';
import { CurlSuggestions } from '../import/CurlSuggestions.tsx';
import { loadPinned, loadTestInput } from '../run/test-input.ts';
import { startTestRun } from '../run/test-run.ts';
import { testRunInput, triggerInputGuide } from '../run/trigger-input.ts';
import { selectUi } from '../store/selectors.ts';
import { Canvas } from './Canvas.tsx';
import { CredentialsDialog } from './CredentialsDialog.tsx';
import { HistoryDialog } from './HistoryDialog.tsx';
import { ImportExportDialog } from './ImportExportDialog.tsx';
import { Inspector } from './Inspector.tsx';
import { NoticeToast } from './NoticeToast.tsx';
import { Palette } from './Palette.tsx';
import { RunPanel } from './RunPanel.tsx';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { Splitter } from './Splitter.tsx';
import { TokenDialog } from './TokenDialog.tsx';
import { Toolbar } from './Toolbar.tsx';

/** Props of {@link EditorShell}. */
export interface EditorShellProps {
  token(): string | undefined;
  onTokenSaved(): void;
}

/** The editor layout: toolbar, palette | canvas | inspector, and the run panel, with resizable panels. */
export function EditorShell({ token, onTokenSaved }: EditorShellProps) {
  const { t } = useT();
  const { store, api } = useEditor();
  const ui = useEditorState(selectUi);
  const runTest = useCallback(
    (upToSelection: boolean) => {
      const { selection } = store.getState();
      const stopAfter = upToSelection && selection.nodes.length === 1 ? selection.nodes[0] : undefined;
      const { document, catalogue } = store.getState();
      const flowId = document.id;
      // A webhook flow gets a request even when the author typed only a body (or nothing).
      const { input } = testRunInput(triggerInputGuide(document, catalogue.types), loadTestInput(flowId));
      const nodeIds = new Set(document.nodes.map((n) => n.id));
      const pinned = Object.fromEntries(Object.entries(loadPinned(flowId)).filter(([id]) => nodeIds.has(id)));
      void startTestRun(store, api, {
        pinned,
        ...(stopAfter && { stopAfter }),
        ...(input !== undefined && { input }),
        ...(token() && { token: token() }),
      });
    },
    [store, api, token],
  );
  useKeyboardShortcuts(runTest);
  useLiveValidation();
  usePortResolver();
  const setUi = store.getState().setUi;
  const close = () => setUi({ dialog: null });
  return (
    <div
      className="jx-app"
      data-theme={ui.theme}
      style={{
        gridTemplateColumns: `${ui.paletteWidth}px 4px 1fr 4px ${ui.inspectorWidth}px`,
        gridTemplateRows: `auto 1fr 4px ${ui.runPanelHeight}px`,
      }}
    >
      <Toolbar runTest={runTest} />
      <Palette />
      <Splitter
        orientation="vertical"
        value={ui.paletteWidth}
        min={180}
        max={420}
        direction={1}
        label={t('editorShell.resizePalette')}
        onChange={(paletteWidth) => setUi({ paletteWidth })}
      />
      <Canvas />
      <Splitter
        orientation="vertical"
        value={ui.inspectorWidth}
        min={280}
        max={720}
        direction={-1}
        label={t('editorShell.resizeInspector')}
        onChange={(inspectorWidth) => setUi({ inspectorWidth })}
      />
      <Inspector runToHere={() => runTest(true)} />
      <Splitter
        orientation="horizontal"
        value={ui.runPanelHeight}
        min={36}
        max={600}
        direction={-1}
        label={t('editorShell.resizeRunPanel')}
        onChange={(runPanelHeight) => setUi({ runPanelHeight })}
      />
      <RunPanel />
      <NoticeToast />
      <CurlSuggestions />
      {ui.dialog === 'shortcuts' && <ShortcutsDialog onClose={close} />}
      {ui.dialog === 'flow' && <ImportExportDialog onClose={close} />}
      {ui.dialog === 'history' && <HistoryDialog onClose={close} />}
      {ui.dialog === 'credentials' && <CredentialsDialog onClose={close} />}
      {ui.dialog === 'token' && (
        <TokenDialog
          onClose={close}
          onSaved={() => {
            close();
            onTokenSaved();
          }}
        />
      )}
    </div>
  );
}
