import { useState } from 'react';
import { useEditor } from '../app/editor-context.ts';
import { importBytes } from '../app/flow-actions.ts';
import { serializeDocument } from '../document/serialize.ts';
import { Dialog } from './Dialog.tsx';

/** Export the document (download or clipboard) and import one (file or pasted text). */
export function ImportExportDialog({ onClose }: { onClose(): void }) {
  const { store } = useEditor();
  const [text, setText] = useState('');
  const download = () => {
    const { document } = store.getState();
    const url = URL.createObjectURL(new Blob([serializeDocument(document)], { type: 'application/json' }));
    const link = window.document.createElement('a');
    link.href = url;
    link.download = `${document.id}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(serializeDocument(store.getState().document));
      store.getState().notify('info', 'Flow JSON copied to the clipboard.');
    } catch {
      setText(serializeDocument(store.getState().document));
      store
        .getState()
        .notify(
          'error',
          'The browser refused clipboard access; the JSON is in the box below to copy by hand.',
          'JX_EDITOR_CLIPBOARD',
        );
    }
  };
  const done = (ok: boolean) => ok && onClose();
  return (
    <Dialog title="Import / export" onClose={onClose} wide>
      <section>
        <h3>Export</h3>
        <p className="jx-help">
          The flow as a deterministic JSON document: the same flow always gives the same bytes.
        </p>
        <div className="jx-row">
          <button type="button" className="jx-button" onClick={download} data-testid="export-download">
            Download .json
          </button>
          <button type="button" className="jx-button" onClick={copy}>
            Copy to clipboard
          </button>
        </div>
      </section>
      <section>
        <h3>Import</h3>
        <p className="jx-help">Replaces the current flow (undo brings it back).</p>
        <input
          type="file"
          accept="application/json,.json"
          data-testid="import-file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) done(await importBytes(store, await file.text()));
          }}
        />
        <textarea
          className="jx-code"
          rows={8}
          placeholder="…or paste flow JSON here"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label="Flow JSON"
        />
        <div className="jx-row">
          <button
            type="button"
            className="jx-button"
            disabled={!text.trim()}
            onClick={async () => done(await importBytes(store, text))}
          >
            Import pasted JSON
          </button>
        </div>
      </section>
    </Dialog>
  );
}
