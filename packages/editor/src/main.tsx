import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createEditor } from './app/bootstrap.ts';
import { EditorApp } from './components/EditorApp.tsx';

const editor = createEditor();
// Exposed for the benchmark and end-to-end tests, which drive and measure the real app.
(window as unknown as { junction: typeof editor }).junction = editor;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EditorApp editor={editor} />
  </StrictMode>,
);
void editor.start();
