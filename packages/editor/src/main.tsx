import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createEditor } from './app/bootstrap.ts';
import { EditorApp } from './components/EditorApp.tsx';
import { startI18n } from './i18n/i18n.ts';

const editor = createEditor();
// Exposed for the benchmark and end-to-end tests, which drive and measure the real app.
(window as unknown as { junction: typeof editor }).junction = editor;
// The language's catalogue is a lazy chunk: load it first so the first paint is already translated.
void startI18n()
  .catch((error: unknown) => console.error('JX_EDITOR_I18N: the language catalogue did not load.', error))
  .finally(() => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <EditorApp editor={editor} />
      </StrictMode>,
    );
    void editor.start();
  });
