import { useState } from 'react';
import { saveToken } from '../api/token.ts';
import { useT } from '../i18n/useT.ts';
import { Dialog } from './Dialog.tsx';

/** Asks for the API token (printed by the server on first start). */
export function TokenDialog({ onClose, onSaved }: { onClose(): void; onSaved(): void }) {
  const { t } = useT();
  const [token, setToken] = useState('');
  return (
    <Dialog title={t('tokenDialog.connectToTheServer')} onClose={onClose}>
      <p className="jx-help">{t('tokenDialog.pasteTheAdminToken')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          saveToken(token.trim());
          onSaved();
        }}
      >
        <input
          type="password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-label={t('tokenDialog.apiToken')}
          placeholder={t('tokenDialog.apiToken')}
        />
        <div className="jx-row">
          <button type="submit" className="jx-button is-primary" disabled={!token.trim()}>
            {t('tokenDialog.connect')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
