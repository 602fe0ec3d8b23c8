import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import type { Editor } from '../app/bootstrap.ts';
import { EditorContext } from '../app/editor-context.ts';
import { loadCatalogue, report } from '../app/flow-actions.ts';
import { onLocaleChange } from '../i18n/i18n.ts';
import { EditorShell } from './EditorShell.tsx';

/** The whole editor for one editor instance. */
export function EditorApp({ editor }: { editor: Editor }) {
  // Node type titles and help come from the server in the editor's language: fetch them again on a switch.
  useEffect(
    () =>
      onLocaleChange(
        () => void loadCatalogue(editor.store, editor.api).catch((error) => report(editor.store, error)),
      ),
    [editor],
  );
  return (
    <EditorContext.Provider value={editor}>
      <ReactFlowProvider>
        <EditorShell token={editor.token} onTokenSaved={() => void editor.start()} />
      </ReactFlowProvider>
    </EditorContext.Provider>
  );
}
