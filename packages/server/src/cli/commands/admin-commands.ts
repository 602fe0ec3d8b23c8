import { join } from 'node:path';
import { createSqliteStore } from '@junction/runtime';
import { formatSandboxBanner, parseSandboxCliOptions, startSandbox } from '@junction/sandbox';
import { TokenStore } from '../../auth/token-store.ts';
import { migrateServerSchema } from '../../db/server-schema.ts';
import { sqliteDatabase } from '../../db/sqlite-database.ts';
import { rotateMasterKey } from '../../vault/rotate-master-key.ts';
import { type CliIo, EXIT } from '../cli-io.ts';

/** `junction tokens create --scopes a,b`: prints the new token once. */
export async function createTokenCommand(
  options: { data: string; scopes: string; name: string },
  io: CliIo,
): Promise<number> {
  const store = createSqliteStore({ path: join(options.data, 'junction.db') });
  try {
    const db = sqliteDatabase(store.database);
    await migrateServerSchema(db);
    const scopes = options.scopes
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const { token, view } = await new TokenStore(db).create(options.name, scopes);
    io.out(`Token ${view.id} (${view.scopes.join(', ')}), shown once:`);
    io.out(token);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

/** `junction credentials rotate-key`: re-encrypts every credential under a new master key. */
export async function rotateKeyCommand(options: { data: string }, io: CliIo): Promise<number> {
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
