import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { JunctionError } from '@junction/runtime';
import { formatSandboxBanner, parseSandboxCliOptions, startSandbox } from '@junction/sandbox';
import { recordAudit } from '../../audit/record-audit.ts';
import { TokenStore } from '../../auth/token-store.ts';
import { openStorage, type Storage } from '../../server/open-storage.ts';
import { rotateMasterKey } from '../../vault/rotate-master-key.ts';
import { rotateSharedMasterKey } from '../../vault/rotate-shared-master-key.ts';
import { type CliIo, EXIT } from '../cli-io.ts';

/** Where an admin command finds the server's tables: the data directory, or a shared PostgreSQL. */
export interface StorageOptions {
  data: string;
  database?: string;
  databaseSchema?: string;
}

/** PostgreSQL from `--database` or `JUNCTION_DATABASE_URL`, like `serve`; else the data directory. */
function databaseUrlOf(options: StorageOptions): string | undefined {
  return options.database ?? (process.env.JUNCTION_DATABASE_URL || undefined);
}

/** Admin commands work on an existing data directory; a typo must not look like a crash. */
function assertDataDir(dir: string, needsDatabase: boolean): void {
  const missing = !existsSync(dir)
    ? dir
    : needsDatabase && !existsSync(join(dir, 'junction.db'))
      ? join(dir, 'junction.db')
      : undefined;
  if (missing === undefined) return;
  throw new JunctionError(
    'JX_CLI_DATA_DIR_NOT_FOUND',
    `${missing} does not exist; give --data the directory \`junction serve\` uses (default ./junction-data).`,
    { path: missing },
  );
}

async function withStorage<T>(options: StorageOptions, use: (storage: Storage) => Promise<T>): Promise<T> {
  const databaseUrl = databaseUrlOf(options);
  if (!databaseUrl) assertDataDir(options.data, false);
  const storage = await openStorage({
    dataDir: options.data,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(options.databaseSchema ? { databaseSchema: options.databaseSchema } : {}),
  });
  try {
    return await use(storage);
  } finally {
    await storage.store.close();
  }
}

/** `junction tokens create --scopes a,b [--database url]`: prints the new token once. */
export async function createTokenCommand(
  options: StorageOptions & { scopes: string; name: string },
  io: CliIo,
): Promise<number> {
  return withStorage(options, async ({ db }) => {
    const scopes = options.scopes
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const { token, view } = await new TokenStore(db).create(options.name, scopes);
    // Straight into the database, not through the API: no token made the change.
    await recordAudit(db, {
      actor: 'cli',
      action: 'token.created',
      target: view.id,
      detail: { name: view.name, scopes: view.scopes },
    });
    io.out(`Token ${view.id} (${view.scopes.join(', ')}), shown once:`);
    io.out(token);
    return EXIT.ok;
  });
}

/**
 * `junction credentials rotate-key --database url`: the shared-database rotation. A generated key is
 * printed before anything is re-sealed with it; `JUNCTION_NEW_MASTER_KEY` supplies one instead.
 */
async function rotateSharedKeyCommand(options: StorageOptions, io: CliIo): Promise<number> {
  const result = await withStorage(options, (storage) =>
    rotateSharedMasterKey(storage, {
      currentKey: process.env.JUNCTION_MASTER_KEY,
      nextKey: process.env.JUNCTION_NEW_MASTER_KEY,
      announce: (key) => {
        io.out('New master key (keep it now; credentials are re-encrypted with it next):');
        io.out(key);
      },
    }),
  );
  io.out(`Re-encrypted ${result.resealed} credential(s) under master key ${result.keyId}.`);
  io.out('Restart every process with JUNCTION_MASTER_KEY set to the new key.');
  return EXIT.ok;
}

/** `junction credentials rotate-key`: re-encrypts every credential under a new master key. */
export async function rotateKeyCommand(options: StorageOptions, io: CliIo): Promise<number> {
  if (databaseUrlOf(options)) return rotateSharedKeyCommand(options, io);
  assertDataDir(options.data, true);
  const result = await rotateMasterKey(options.data);
  io.out(`Re-encrypted ${result.resealed} credential(s) under master key ${result.keyId}.`);
  if (result.newKey) {
    io.out('The master key comes from JUNCTION_MASTER_KEY: set it to the new key before restarting:');
    io.out(result.newKey);
    io.out(
      `(Until then it is also kept in ${join(options.data, 'master.key.next')}; delete that file afterwards.)`,
    );
  }
  return EXIT.ok;
}

/** `junction sandbox`: starts the card-platform simulator until SIGINT/SIGTERM. */
export async function sandboxCommand(args: string[], io: CliIo): Promise<number> {
  const handle = await startSandbox(parseSandboxCliOptions(args));
  io.out(formatSandboxBanner(handle));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await handle.close();
  return EXIT.ok;
}
