import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateMasterKey, type MasterKey, parseMasterKey } from './cipher.ts';

/** Where the master key came from; a key from the environment is never written to disk. */
export interface LoadedKeyring {
  current: MasterKey;
  /** Every key that may have sealed a stored value (current first). */
  keyring: MasterKey[];
  source: 'env' | 'file' | 'generated';
}

const KEY_FILE = 'master.key';
const NEXT_FILE = 'master.key.next';

/**
 * Loads the master key: `JUNCTION_MASTER_KEY` wins; otherwise `<data>/master.key`, generated with mode
 * 0600 on first start. A leftover `master.key.next` (a rotation interrupted after its transaction)
 * joins the keyring so nothing becomes unreadable.
 */
export function loadMasterKey(dataDir: string, env: string | undefined): LoadedKeyring {
  const nextPath = join(dataDir, NEXT_FILE);
  const extra = existsSync(nextPath) ? [parseMasterKey(readFileSync(nextPath, 'utf8'))] : [];
  if (env?.trim()) {
    const current = parseMasterKey(env);
    return { current, keyring: [current, ...extra], source: 'env' };
  }
  const path = join(dataDir, KEY_FILE);
  if (existsSync(path)) {
    const current = parseMasterKey(readFileSync(path, 'utf8'));
    return { current, keyring: [current, ...extra], source: 'file' };
  }
  const current = generateMasterKey();
  writeFileSync(path, current.key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return { current, keyring: [current], source: 'generated' };
}

/** Writes the next key before a rotation re-encrypts anything. */
export function writeNextKey(dataDir: string, next: MasterKey): void {
  writeFileSync(join(dataDir, NEXT_FILE), next.key.toString('hex'), { mode: 0o600 });
}

/** Makes the next key current once every value is sealed with it. */
export function promoteNextKey(dataDir: string): void {
  renameSync(join(dataDir, NEXT_FILE), join(dataDir, KEY_FILE));
}
