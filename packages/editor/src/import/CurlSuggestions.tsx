import { useState, useSyncExternalStore } from 'react';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { CredentialsDialog } from '../components/CredentialsDialog.tsx';
import { useT } from '../i18n/useT.ts';
import { selectCatalogue } from '../store/selectors.ts';
import type { CredentialSuggestion } from './credential-suggestion.ts';
import { curlSuggestions, setCurlSuggestions, subscribeCurlSuggestions } from './import-curl.ts';

// Beside the toast, above the run panel; inline so the shared stylesheet stays untouched.
const PANEL = {
  position: 'fixed',
  right: 16,
  bottom: 72,
  maxWidth: 420,
  zIndex: 40,
  padding: 12,
  background: 'var(--jx-panel, #fff)',
  border: '1px solid var(--jx-border, #ccc)',
  borderRadius: 6,
  boxShadow: '0 4px 16px rgba(0,0,0,.15)',
} as const;

/**
 * Lists the secrets a cURL import left out of its node, each with a button that opens the credentials
 * dialog on a new credential of the suggested kind (the user types the secret there); the credential
 * created goes into the node's `auth` slot.
 */
export function CurlSuggestions() {
  const { t } = useT();
  const { store, commands } = useEditor();
  const catalogue = useEditorState(selectCatalogue);
  const current = useSyncExternalStore(subscribeCurlSuggestions, () => curlSuggestions(store));
  const [creating, setCreating] = useState<CredentialSuggestion>();
  if (!current) return null;
  const node = store.getState().document.nodes.find((n) => n.id === current.nodeId);
  const slotKinds = node ? (catalogue.types.latest.get(node.type)?.credentials?.auth?.kinds ?? []) : [];
  const close = () => setCurlSuggestions(store, undefined);
  return (
    <aside
      className="jx-curl-suggestions"
      data-testid="curl-suggestions"
      style={PANEL}
      aria-label={t('curlImport.secretsTitle')}
    >
      <h3>{t('curlImport.secretsTitle')}</h3>
      <p className="jx-help">{t('curlImport.secretsHelp')}</p>
      <ul>
        {current.suggestions.map((s) => (
          <li key={`${s.from}/${s.name}`} data-testid="curl-suggestion">
            <code>{s.name}</code> ({t(`curlImport.from.${s.from}`)}) → <strong>{s.kind}</strong>{' '}
            {slotKinds.includes(s.kind) ? (
              <button type="button" className="jx-button" onClick={() => setCreating(s)}>
                {t('curlImport.createCredential')}
              </button>
            ) : (
              <span className="jx-muted">{t('curlImport.noSuchKind', { kind: s.kind })}</span>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="jx-button" onClick={close}>
        {t('curlImport.dismiss')}
      </button>
      {creating && (
        <CredentialsDialog
          kinds={[creating.kind]}
          startCreating
          prefill={{
            name: `${creating.host} ${creating.name}`,
            allowedHosts: [creating.host],
            ...(creating.username && { values: { username: creating.username } }),
          }}
          onClose={() => setCreating(undefined)}
          onCreated={(credential) => {
            const existing = store.getState().document.nodes.find((n) => n.id === current.nodeId);
            if (existing) {
              commands.updateNode(current.nodeId, {
                credentials: { ...(existing.credentials ?? {}), auth: credential.id },
              });
            }
            setCreating(undefined);
          }}
        />
      )}
    </aside>
  );
}
