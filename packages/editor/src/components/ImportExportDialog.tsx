import { useState } from 'react';
import { useEditor } from '../app/editor-context.ts';
import { importBytes } from '../app/flow-actions.ts';
import { serializeDocument } from '../document/serialize.ts';
import { useT } from '../i18n/useT.ts';
import { importCurl } from '../import/import-curl.ts';
import { Dialog } from './Dialog.tsx';

/** Export the document (download or clipboard) and import one (file or pasted text). */
export function ImportExportDialog({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const { store } = useEditor();
  const [text, setText] = useState('');
  const [curl, setCurl] = useState('');
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
      store.getState().notify('info', t('importExport.copied'));
    } catch {
      setText(serializeDocument(store.getState().document));
      store.getState().notify('error', t('importExport.copyRefused'), 'JX_EDITOR_CLIPBOARD');
    }
  };
  const done = (ok: boolean) => ok && onClose();
  return (
    <Dialog title={t('importExportDialog.importExport')} onClose={onClose} wide>
      <section>
        <h3>{t('importExportDialog.export')}</h3>
        <p className="jx-help">{t('importExportDialog.theFlowAsA')}</p>
        <div className="jx-row">
          <button type="button" className="jx-button" onClick={download} data-testid="export-download">
            {t('importExportDialog.downloadJson')}
          </button>
          <button type="button" className="jx-button" onClick={copy}>
            {t('importExportDialog.copyToClipboard')}
          </button>
        </div>
      </section>
      <section>
        <h3>{t('importExportDialog.import')}</h3>
        <p className="jx-help">{t('importExportDialog.replacesTheCurrentFlow')}</p>
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
          placeholder={t('importExportDialog.orPasteFlowJson')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label={t('importExportDialog.flowJson')}
        />
        <div className="jx-row">
          <button
            type="button"
            className="jx-button"
            disabled={!text.trim()}
            onClick={async () => done(await importBytes(store, text))}
          >
            {t('importExportDialog.importPastedJson')}
          </button>
        </div>
      </section>
      <section>
        <h3>{t('importExportDialog.importCurl')}</h3>
        <p className="jx-help">{t('importExportDialog.importCurlHelp')}</p>
        <textarea
          className="jx-code"
          rows={5}
          placeholder={t('curlImport.placeholder')}
          value={curl}
          onChange={(e) => setCurl(e.target.value)}
          aria-label={t('curlImport.command')}
          data-testid="import-curl-text"
        />
        <div className="jx-row">
          <button
            type="button"
            className="jx-button"
            disabled={!curl.trim()}
            data-testid="import-curl"
            onClick={() => {
              const { nodes } = store.getState().document;
              const x = Math.max(0, ...nodes.map((n) => n.position.x)) + (nodes.length ? 280 : 0);
              done(importCurl(store, curl, { x, y: 80 }) !== undefined);
            }}
          >
            {t('importExportDialog.importCurl')}
          </button>
        </div>
      </section>
    </Dialog>
  );
}
