import { useState } from 'react';
import { saveToken } from '../api/token.ts';
import { Dialog } from './Dialog.tsx';

/** Asks for the API token (printed by the server on first start). */
export function TokenDialog({ onClose, onSaved }: { onClose(): void; onSaved(): void }) {
  const [token, setToken] = useState('');
  return (
    <Dialog title="Connect to the server" onClose={onClose}>
      <p className="jx-help">
        Paste the admin token the server printed when it first started (or an API token with flows and runs
        scopes).
      </p>
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
          aria-label="API token"
          placeholder="API token"
        />
        <div className="jx-row">
          <button type="submit" className="jx-button is-primary" disabled={!token.trim()}>
            Connect
          </button>
        </div>
      </form>
    </Dialog>
  );
}
