import { useMemo, useState } from 'react';
import type { CredentialKindDescriptor, CredentialSummary } from '../api/api-types.ts';
import { useEditor } from '../app/editor-context.ts';
import { createCredential, updateCredential } from '../credentials/credential-actions.ts';
import {
  type CredentialDraft,
  credentialFields,
  draftErrors,
  draftToBody,
  followUrlHosts,
  initialDraft,
} from '../credentials/credential-model.ts';
import { type CredentialSaveFailure, credentialSaveFailure } from '../credentials/server-error.ts';
import { SIGNED_KINDS } from '../credentials/signature-sample.ts';
import { useT } from '../i18n/useT.ts';
import { CredentialFieldInput } from './CredentialFieldInput.tsx';
import { HostListEditor } from './HostListEditor.tsx';
import { SignatureWorkbench } from './SignatureWorkbench.tsx';

/** Props of {@link CredentialForm}. */
export interface CredentialFormProps {
  /** Kinds the user may choose from (all the server knows, or those a node's slot accepts). */
  kinds: CredentialKindDescriptor[];
  /** The credential being edited; absent when creating one. */
  existing?: CredentialSummary;
  /** Non-secret values to start a new credential with (a cURL import's name, host, user name); never secrets. */
  prefill?: Pick<Partial<CredentialDraft>, 'name' | 'allowedHosts' | 'values'>;
  onSaved(credential: CredentialSummary): void;
  onCancel(): void;
}

/**
 * Creates or edits a credential with a form generated from its kind's schema. Secrets are typed
 * here, sent once, and dropped with the form: they never enter the editor store or come back.
 */
export function CredentialForm({ kinds, existing, prefill, onSaved, onCancel }: CredentialFormProps) {
  const { t } = useT();
  const { store, api } = useEditor();
  const [draft, setDraftState] = useState<CredentialDraft>(() => {
    const start = initialDraft(existing ? kinds.find((k) => k.kind === existing.kind) : kinds[0], existing);
    if (existing || !prefill) return start;
    return { ...start, ...prefill, values: { ...start.values, ...prefill.values }, secrets: {} };
  });
  const [touched, setTouched] = useState(false);
  const [failure, setFailure] = useState<CredentialSaveFailure>();
  const [busy, setBusy] = useState(false);
  const kind = kinds.find((k) => k.kind === draft.kind);
  const fields = useMemo(() => credentialFields(kind), [kind]);
  const errors = draftErrors(draft, kind, existing);
  // The server's word shows at its field until the user changes something.
  const shown = new Map([...(failure?.fields ?? []), ...(touched ? errors : [])]);
  const setDraft = (next: CredentialDraft) => {
    setDraftState(next);
    setFailure(undefined);
  };

  const save = async () => {
    setTouched(true);
    if (errors.size) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const body = draftToBody(draft, kind, existing);
      const saved = existing
        ? await updateCredential(store, api, existing.id, body)
        : await createCredential(store, api, body);
      store.getState().notify('info', t('credentialForm.saved', { name: saved.name }));
      onSaved(saved);
    } catch (error) {
      setFailure(credentialSaveFailure(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="jx-form jx-credential-form"
      data-testid="credential-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className={`jx-field ${shown.get('name') ? 'has-error' : ''}`}>
        <label htmlFor="jx-credential-name">
          {t('credentialForm.name')}
          <span className="jx-required"> *</span>
        </label>
        <input
          id="jx-credential-name"
          value={draft.name}
          placeholder={t('credentialForm.eGSupplierProduction')}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
        {shown.get('name') && <p className="jx-error">{shown.get('name')}</p>}
      </div>
      <div className="jx-field">
        <label htmlFor="jx-credential-kind">{t('credentialForm.kind')}</label>
        <select
          id="jx-credential-kind"
          value={draft.kind}
          disabled={!!existing}
          onChange={(e) =>
            setDraft({
              ...initialDraft(kinds.find((k) => k.kind === e.target.value)),
              name: draft.name,
              allowedHosts: draft.allowedHosts,
            })
          }
        >
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.title ?? k.kind}
            </option>
          ))}
        </select>
        {kind?.description && <p className="jx-help">{kind.description}</p>}
      </div>
      {fields.map((field) => (
        <CredentialFieldInput
          key={`${draft.kind}/${field.key}`}
          field={field}
          value={field.secret ? draft.secrets[field.key] : draft.values[field.key]}
          isSet={existing?.secretFields.includes(field.key) ?? false}
          error={shown.get(field.key)}
          onChange={(value) =>
            setDraft(
              field.secret
                ? { ...draft, secrets: { ...draft.secrets, [field.key]: (value as string) ?? '' } }
                : followUrlHosts(
                    draft,
                    { ...draft, values: withValue(draft.values, field.key, value) },
                    kind,
                  ),
            )
          }
        />
      ))}
      <HostListEditor
        hosts={draft.allowedHosts}
        error={shown.get('allowedHosts')}
        onChange={(allowedHosts) => setDraft({ ...draft, allowedHosts })}
      />
      {SIGNED_KINDS.includes(draft.kind) && (
        <SignatureWorkbench draft={draft} kind={kind} {...(existing && { existing })} />
      )}
      {failure && (
        <p className="jx-error jx-save-failure" role="alert" data-testid="credential-failure">
          {t('credentialForm.theServerDidNot')} {failure.message}{' '}
          <code className="jx-muted">{failure.code}</code>
        </p>
      )}
      <div className="jx-row jx-form-actions">
        <button type="button" className="jx-button" onClick={onCancel}>
          {t('credentialForm.cancel')}
        </button>
        <button type="submit" className="jx-button is-primary" disabled={busy} data-testid="credential-save">
          {t(existing ? 'credentialForm.saveChanges' : 'credentialForm.create')}
        </button>
      </div>
    </form>
  );
}

function withValue<T>(values: Record<string, T>, key: string, value: T | undefined): Record<string, T> {
  const next = { ...values };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
