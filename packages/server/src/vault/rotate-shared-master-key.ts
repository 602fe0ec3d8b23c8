import { JunctionError } from '@junction/runtime';
import { resealAlertChannels } from '../alerts/reseal-alert-channels.ts';
import { secretFieldsOf } from '../integration/runtime-glue.ts';
import { SecretScrubber } from '../logging/secret-scrubber.ts';
import type { Storage } from '../server/open-storage.ts';
import { generateMasterKey, type MasterKey, parseMasterKey } from './cipher.ts';
import { CredentialVault } from './credential-vault.ts';
import type { RotationResult } from './rotate-master-key.ts';
import { runValueSealer } from './run-value-sealer.ts';

/** Options of {@link rotateSharedMasterKey}. */
export interface SharedRotationOptions {
  /** The key every process uses now (`JUNCTION_MASTER_KEY`). */
  currentKey: string | undefined;
  /** The key to rotate to (e.g. from a secret manager); generated when absent. */
  nextKey?: string | undefined;
  /**
   * Receives a generated key *before* anything is re-sealed with it, so the key is never lost when
   * the process dies between the commit and the end of the command.
   */
  announce?: (hexKey: string) => void;
}

/**
 * Re-encrypts every credential of a shared (PostgreSQL) database under a new master key. There is no
 * data directory to keep the next key in, so: a generated key is announced first, then all
 * credentials are re-sealed in one transaction (nothing changes if it fails); afterwards every process
 * must be restarted with the new `JUNCTION_MASTER_KEY` (one still on the old key refuses to start
 * with `JX_MASTER_KEY_MISMATCH`). Run it with every process stopped.
 */
export async function rotateSharedMasterKey(
  storage: Storage,
  options: SharedRotationOptions,
): Promise<RotationResult> {
  if (!options.currentKey?.trim()) {
    throw new JunctionError(
      'JX_MASTER_KEY_REQUIRED',
      'Rotating the key of a shared database needs the current key: set JUNCTION_MASTER_KEY (64 hex characters).',
    );
  }
  const current = parseMasterKey(options.currentKey);
  const next: MasterKey = options.nextKey?.trim() ? parseMasterKey(options.nextKey) : generateMasterKey();
  if (next.id === current.id) {
    throw new JunctionError(
      'JX_MASTER_KEY_UNCHANGED',
      'The new master key is the current one; give another key (or none, to generate one).',
    );
  }
  const vault = await CredentialVault.open({
    db: storage.db,
    current,
    keyring: [current],
    scrubber: new SecretScrubber(),
    secretFieldsOf,
  });
  const generated = !options.nextKey?.trim();
  if (generated) options.announce?.(next.key.toString('hex'));
  const resealed = await vault.reseal(next);
  await resealAlertChannels(storage.db, runValueSealer(current, [current]), runValueSealer(next, [next]));
  return { resealed, keyId: next.id, ...(generated ? { newKey: next.key.toString('hex') } : {}) };
}
