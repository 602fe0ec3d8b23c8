import type { ValueSealer } from '@junction/runtime';
import { type MasterKey, open, seal } from './cipher.ts';

/**
 * Binds sealed run values to their purpose: a credential's ciphertext (bound to its credential id)
 * cannot be passed off as a run value, nor the other way round.
 */
const RUN_VALUE_AAD = 'junction:run-value';

/**
 * The engine's `sealer`: sensitive run values (card numbers, card passwords) sealed with the same
 * AES-256-GCM and master key as the credential vault (`cipher.ts`), opened with any key of the
 * keyring. Every process of one installation shares the master key, so any of them opens them.
 */
export function runValueSealer(current: MasterKey, keyring: MasterKey[]): ValueSealer {
  return {
    seal: (plain) => seal(plain, current, RUN_VALUE_AAD),
    open: (token) => open(token, keyring, RUN_VALUE_AAD),
  };
}
