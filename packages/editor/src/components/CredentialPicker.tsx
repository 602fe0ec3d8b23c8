import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import type { FlowNode } from '../document/flow-types.ts';
import { useT } from '../i18n/useT.ts';
import { selectCatalogue } from '../store/selectors.ts';
import { CredentialsDialog } from './CredentialsDialog.tsx';

/** Props of {@link CredentialPicker}. */
export interface CredentialPickerProps {
  node: FlowNode;
  slot: string;
  spec: { kinds: string[]; optional?: boolean; title?: string; description?: string };
  error: string | undefined;
}

/**
 * Picks a credential for one slot, listing only credentials of the kinds the slot accepts, or creates
 * one of those kinds on the spot and selects it. Never shows secrets.
 */
export function CredentialPicker({ node, slot, spec, error }: CredentialPickerProps) {
  const { t } = useT();
  const { commands } = useEditor();
  const { credentials } = useEditorState(selectCatalogue);
  const [creating, setCreating] = useState(false);
  const fitting = credentials.filter((c) => spec.kinds.includes(c.kind));
  const current = node.credentials?.[slot] ?? '';
  const id = `jx-cred-${slot}`;
  const set = (value: string) => {
    const next = { ...(node.credentials ?? {}) };
    if (value) next[slot] = value;
    else delete next[slot];
    commands.updateNode(
      node.id,
      { credentials: Object.keys(next).length ? next : undefined },
      t('credentialPicker.undoChoose'),
    );
  };
  return (
    <div className={`jx-field ${error ? 'has-error' : ''}`} data-pointer={`/credentials/${slot}`}>
      <label htmlFor={id}>
        {spec.title ?? slot}
        {!spec.optional && <span className="jx-required"> *</span>}
      </label>
      <div className="jx-picker-row">
        <select id={id} className="jx-picker-select" value={current} onChange={(e) => set(e.target.value)}>
          <option value="">{t(spec.optional ? 'credentialPicker.none' : 'credentialPicker.choose')}</option>
          {current && !fitting.some((c) => c.id === current) && (
            <option value={current}>
              {current} {t('credentialPicker.notAvailable')}
            </option>
          )}
          {fitting.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} · {c.kind}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="jx-button"
          onClick={() => setCreating(true)}
          title={t('credentialPicker.createNew', { kinds: spec.kinds.join(' / ') })}
          data-testid={`credential-new-${slot}`}
        >
          {t('credentialPicker.new')}
        </button>
      </div>
      <p className="jx-help">
        {spec.description ? `${spec.description} ` : ''}
        {t('credentialPicker.accepts')} {spec.kinds.join(', ')}.
        {fitting.length === 0 && ' None exists yet: create one with “+ New”.'}
      </p>
      {error && <p className="jx-error">{error}</p>}
      {creating &&
        // Rendered at the app root so the backdrop covers every panel, still inside the themed .jx-app.
        createPortal(
          <CredentialsDialog
            kinds={spec.kinds}
            startCreating
            onClose={() => setCreating(false)}
            onCreated={(credential) => {
              setCreating(false);
              set(credential.id);
            }}
          />,
          document.querySelector('.jx-app') ?? document.body,
        )}
    </div>
  );
}
