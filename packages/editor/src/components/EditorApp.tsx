import { ReactFlowProvider } from '@xyflow/react';
import type { Editor } from '../app/bootstrap.ts';
import { EditorContext } from '../app/editor-context.ts';
import { EditorShell } from './EditorShell.tsx';

/** The whole editor for one editor instance. */
export function EditorApp({ editor }: { editor: Editor }) {
  return (
    <EditorContext.Provider value={editor}>
      <ReactFlowProvider>
        <EditorShell token={editor.token} onTokenSaved={() => void editor.start()} />
      </ReactFlowProvider>
    </EditorContext.Provider>
  );
}
