import { join } from 'node:path';
import { createSqliteStore } from '@junction/runtime';
import { resealAlertChannels } from '../alerts/reseal-alert-channels.ts';
import { migrateServerSchema } from '../db/server-schema.ts';
import { sqliteDatabase } from '../db/sqlite-database.ts';
import { secretFieldsOf } from '../integration/runtime-glue.ts';
import { SecretScrubber } from '../logging/secret-scrubber.ts';
import { generateMasterKey } from './cipher.ts';
import { CredentialVault } from './credential-vault.ts';
import { loadMasterKey, promoteNextKey, writeNextKey } from './master-key-file.ts';
import { runValueSealer } from './run-value-sealer.ts';

/** Outcome of a rotation. `newKey` is set when the key comes from the environment and must be updated there. */
export interface RotationResult {
  resealed: number;
  keyId: string;
  newKey?: string;
}

/**
 * Re-encrypts every credential under a fresh master key.
 * 1. The new key is written to `master.key.next` first, so it is never lost.
 * 2. All credentials are re-sealed in one transaction (the old key still opens them).
 * 3. For a file key, `master.key.next` replaces `master.key`. For an environment key the new key is
 *    returned for the operator to set as `JUNCTION_MASTER_KEY`; `master.key.next` stays until then,
 *    and the server reads it as part of its keyring.
 * Run it with the server stopped.
 */
export async function rotateMasterKey(
  dataDir: string,
  envKey = process.env.JUNCTION_MASTER_KEY,
): Promise<RotationResult> {
  const store = createSqliteStore({ path: join(dataDir, 'junction.db') });
  try {
    const db = sqliteDatabase(store.database);
    await migrateServerSchema(db);
    const keys = loadMasterKey(dataDir, envKey);
    const next = generateMasterKey();
    writeNextKey(dataDir, next);
    const vault = await CredentialVault.open({
      db,
      ...keys,
      scrubber: new SecretScrubber(),
      secretFieldsOf,
    });
    const resealed = await vault.reseal(next);
    await resealAlertChannels(db, runValueSealer(keys.current, keys.keyring), runValueSealer(next, [next]));
    if (keys.source === 'env') return { resealed, keyId: next.id, newKey: next.key.toString('hex') };
    promoteNextKey(dataDir);
    return { resealed, keyId: next.id };
  } finally {
    await store.close();
  }
}
