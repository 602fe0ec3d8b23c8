import { useState } from 'react';
import type { CredentialSummary } from '../api/api-types.ts';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { report } from '../app/flow-actions.ts';
import { deleteCredential } from '../credentials/credential-actions.ts';
import { useT } from '../i18n/useT.ts';
import { selectCatalogue } from '../store/selectors.ts';
import { CredentialForm, type CredentialFormProps } from './CredentialForm.tsx';
import { Dialog } from './Dialog.tsx';

/** Props of {@link CredentialsDialog}. */
export interface CredentialsDialogProps {
  onClose(): void;
  /** Only these kinds may be created (a node slot's kinds); all the server knows by default. */
  kinds?: string[];
  /** Opens straight on the "new credential" form (from a credential picker). */
  startCreating?: boolean;
  /** Non-secret values a new credential starts with (see {@link CredentialForm}). */
  prefill?: CredentialFormProps['prefill'];
  /** Called with the new credential after it was created. */
  onCreated?(credential: CredentialSummary): void;
}

type View = { mode: 'list' } | { mode: 'create' } | { mode: 'edit'; credential: CredentialSummary };

/** Lists, creates, edits and deletes credentials. Secret values are never shown, only whether they are set. */
export function CredentialsDialog({
  onClose,
  kinds,
  startCreating,
  prefill,
  onCreated,
}: CredentialsDialogProps) {
  const { t } = useT();
  const { store, api } = useEditor();
  const catalogue = useEditorState(selectCatalogue);
  const [view, setView] = useState<View>(startCreating ? { mode: 'create' } : { mode: 'list' });
  const allowedKinds = catalogue.credentialKinds.filter((k) => !kinds || kinds.includes(k.kind));
  const title = (kind: string) => catalogue.credentialKinds.find((k) => k.kind === kind)?.title ?? kind;

  const [confirming, setConfirming] = useState<string | null>(null);

  const remove = async (credential: CredentialSummary) => {
    // Two clicks instead of window.confirm: the question stays in the row the user is looking at.
    if (confirming !== credential.id) {
      setConfirming(credential.id);
      return;
    }
    setConfirming(null);
    try {
      await deleteCredential(store, api, credential.id);
      store.getState().notify('info', t('credentialsDialog.deleted', { name: credential.name }));
    } catch (error) {
      report(store, error);
    }
  };

  if (view.mode !== 'list') {
    const editing = view.mode === 'edit' ? view.credential : undefined;
    const editKinds = editing ? catalogue.credentialKinds : allowedKinds;
    return (
      <Dialog
        title={
          editing ? t('credentialsDialog.editNamed', { name: editing.name }) : t('credentialsDialog.new')
        }
        onClose={onClose}
      >
        {editKinds.length ? (
          <CredentialForm
            kinds={editKinds}
            {...(editing && { existing: editing })}
            {...(!editing && prefill && { prefill })}
            onSaved={(saved) => {
              if (!editing && onCreated) onCreated(saved);
              else setView({ mode: 'list' });
            }}
            onCancel={() => (startCreating ? onClose() : setView({ mode: 'list' }))}
          />
        ) : (
          <p className="jx-error">{t('credentialsDialog.theServerOffersNo')}</p>
        )}
      </Dialog>
    );
  }

  return (
    <Dialog title={t('credentialsDialog.credentials')} onClose={onClose} wide>
      <div className="jx-row">
        <button type="button" className="jx-button is-primary" onClick={() => setView({ mode: 'create' })}>
          {t('credentialsDialog.newCredential')}
        </button>
        <span className="jx-muted">{t('credentialsDialog.secretsAreStoredEncrypted')}</span>
      </div>
      {!catalogue.credentialsKnown && <p className="jx-error">{t('credentialsDialog.thisTokenMayNot')}</p>}
      {catalogue.credentials.length ? (
        <table className="jx-table" data-testid="credential-list">
          <thead>
            <tr>
              <th>{t('credentialsDialog.name')}</th>
              <th>{t('credentialsDialog.kind')}</th>
              <th>{t('credentialsDialog.secrets')}</th>
              <th>{t('credentialsDialog.allowedHosts')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {catalogue.credentials.map((c) => (
              <tr key={c.id}>
                <td>
                  <strong>{c.name}</strong>
                  <br />
                  <code className="jx-muted">{c.id}</code>
                </td>
                <td>{title(c.kind)}</td>
                <td>{c.secretFields.length ? c.secretFields.map((s) => `${s}: set`).join(', ') : '—'}</td>
                <td>
                  {c.allowedHosts.length ? (
                    c.allowedHosts.join(', ')
                  ) : (
                    <em>{t('credentialsDialog.anyHost')}</em>
                  )}
                </td>
                <td className="jx-table-actions">
                  <button
                    type="button"
                    className="jx-button"
                    onClick={() => setView({ mode: 'edit', credential: c })}
                  >
                    {t('credentialsDialog.edit')}
                  </button>
                  <button
                    type="button"
                    className="jx-button is-danger"
                    onClick={() => void remove(c)}
                    title={t('credentialsDialog.flowsThatUseIt')}
                  >
                    {t(confirming === c.id ? 'credentialsDialog.confirmDelete' : 'credentialsDialog.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="jx-empty">{t('credentialsDialog.noCredentialsYetCreate')}</p>
      )}
    </Dialog>
  );
}
