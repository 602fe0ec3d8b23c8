import { useState } from 'react';
import type { CredentialSummary } from '../api/api-types.ts';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { report } from '../app/flow-actions.ts';
import { deleteCredential } from '../credentials/credential-actions.ts';
import { selectCatalogue } from '../store/selectors.ts';
import { CredentialForm } from './CredentialForm.tsx';
import { Dialog } from './Dialog.tsx';

/** Props of {@link CredentialsDialog}. */
export interface CredentialsDialogProps {
  onClose(): void;
  /** Only these kinds may be created (a node slot's kinds); all the server knows by default. */
  kinds?: string[];
  /** Opens straight on the "new credential" form (from a credential picker). */
  startCreating?: boolean;
  /** Called with the new credential after it was created. */
  onCreated?(credential: CredentialSummary): void;
}

type View = { mode: 'list' } | { mode: 'create' } | { mode: 'edit'; credential: CredentialSummary };

/** Lists, creates, edits and deletes credentials. Secret values are never shown, only whether they are set. */
export function CredentialsDialog({ onClose, kinds, startCreating, onCreated }: CredentialsDialogProps) {
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
      store.getState().notify('info', `Deleted credential “${credential.name}”.`);
    } catch (error) {
      report(store, error);
    }
  };

  if (view.mode !== 'list') {
    const editing = view.mode === 'edit' ? view.credential : undefined;
    const editKinds = editing ? catalogue.credentialKinds : allowedKinds;
    return (
      <Dialog title={editing ? `Edit “${editing.name}”` : 'New credential'} onClose={onClose}>
        {editKinds.length ? (
          <CredentialForm
            kinds={editKinds}
            {...(editing && { existing: editing })}
            onSaved={(saved) => {
              if (!editing && onCreated) onCreated(saved);
              else setView({ mode: 'list' });
            }}
            onCancel={() => (startCreating ? onClose() : setView({ mode: 'list' }))}
          />
        ) : (
          <p className="jx-error">The server offers no credential kind this node accepts.</p>
        )}
      </Dialog>
    );
  }

  return (
    <Dialog title="Credentials" onClose={onClose} wide>
      <div className="jx-row">
        <button type="button" className="jx-button is-primary" onClick={() => setView({ mode: 'create' })}>
          + New credential
        </button>
        <span className="jx-muted">Secrets are stored encrypted on the server and never shown again.</span>
      </div>
      {!catalogue.credentialsKnown && (
        <p className="jx-error">This token may not read credentials (it needs the flows:read scope).</p>
      )}
      {catalogue.credentials.length ? (
        <table className="jx-table" data-testid="credential-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Kind</th>
              <th>Secrets</th>
              <th>Allowed hosts</th>
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
                <td>{c.allowedHosts.length ? c.allowedHosts.join(', ') : <em>any host</em>}</td>
                <td className="jx-table-actions">
                  <button
                    type="button"
                    className="jx-button"
                    onClick={() => setView({ mode: 'edit', credential: c })}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="jx-button is-danger"
                    onClick={() => void remove(c)}
                    title="Flows that use it will stop validating until they pick another credential."
                  >
                    {confirming === c.id ? 'Confirm delete' : 'Delete'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="jx-empty">
          No credentials yet. Create one for each API key, token or signing secret your flows use.
        </p>
      )}
    </Dialog>
  );
}
