import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type CredentialResolver, JunctionError } from '@junction/runtime';
import Database from 'better-sqlite3';
import { sqliteDatabase } from '../db/sqlite-database.ts';
import { secretFieldsOf } from '../integration/runtime-glue.ts';
import { SecretScrubber } from '../logging/secret-scrubber.ts';
import { CredentialVault } from '../vault/credential-vault.ts';
import { loadMasterKey } from '../vault/master-key-file.ts';

/** A data directory's vault, opened read-only for test cases. */
export interface DataDirCredentials {
  credentials: CredentialResolver;
  /** Masks the vault's secrets in anything printed. */
  scrubber: SecretScrubber;
  close(): void;
}

/**
 * The database, opened without writing to the directory. Opening a WAL database read-only still
 * creates its `-wal` and `-shm` files, so a database with no pending WAL (no server running on it)
 * is read as an in-memory copy, its header marked as rollback-journal so SQLite reads it without a
 * WAL. A running server's database already has both files: it is opened read-only in place, to see
 * what the server wrote since its last checkpoint.
 */
function openReadOnly(path: string): Database.Database {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0)
    return new Database(path, { readonly: true, fileMustExist: true });
  const copy = readFileSync(path);
  // Bytes 18 and 19 of the header: file format write/read versions, 2 = WAL, 1 = legacy.
  if (copy.length > 19) copy.fill(1, 18, 20);
  return new Database(copy, { readonly: true });
}

/**
 * Opens the credentials of a `junction serve` data directory read-only (`junction test --data`), so
 * cases with `real` mocks call the supplier with the secrets the server would use. Nothing in the
 * directory is written: the database is read without a write (see {@link openReadOnly}) and no master
 * key is generated — without
 * `master.key` or `JUNCTION_MASTER_KEY` it is `JX_MASTER_KEY_REQUIRED`.
 */
export async function openDataDirCredentials(dir: string): Promise<DataDirCredentials> {
  const path = join(dir, 'junction.db');
  if (!existsSync(path))
    throw new JunctionError(
      'JX_DATA_DIR_NOT_FOUND',
      `${dir} is not a Junction data directory (no junction.db); give the --data directory of junction serve.`,
      { dataDir: dir },
    );
  const envKey = process.env.JUNCTION_MASTER_KEY;
  if (!envKey?.trim() && !existsSync(join(dir, 'master.key')))
    throw new JunctionError(
      'JX_MASTER_KEY_REQUIRED',
      `${dir} has no master.key and JUNCTION_MASTER_KEY is not set, so its credentials cannot be opened.`,
      { dataDir: dir },
    );
  const database = openReadOnly(path);
  try {
    const scrubber = new SecretScrubber();
    const vault = await CredentialVault.open({
      db: sqliteDatabase(database),
      ...loadMasterKey(dir, envKey),
      scrubber,
      secretFieldsOf,
    });
    return {
      credentials: { resolve: (id) => vault.resolve(id) },
      scrubber,
      close: () => database.close(),
    };
  } catch (error) {
    database.close();
    throw error;
  }
}
