import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { JunctionError } from '@junction/runtime';
import { purgeNow } from '../../retention/purge-runner.ts';
import { RetentionPolicyRepository } from '../../retention/retention-policies.ts';
import { type RetentionFlags, retentionSettingsFrom } from '../../retention/retention-settings.ts';
import { openStorage } from '../../server/open-storage.ts';
import { type CliIo, EXIT } from '../cli-io.ts';

/** Options of `junction purge`. */
export interface PurgeCommandOptions extends RetentionFlags {
  data: string;
  database?: string;
  databaseSchema?: string;
  /** Commander's `--no-compact`. */
  compact?: boolean;
  json?: boolean;
}

const MIB = 1024 * 1024;

/**
 * `junction purge`: one retention purge on the data directory's SQLite file or the PostgreSQL at
 * `--database`, with the defaults from the `--retention-*` flags and the flows' stored policies (the
 * same purge the server runs on its interval). Safe while the server runs.
 */
export async function purgeCommand(options: PurgeCommandOptions, io: CliIo): Promise<number> {
  const settings = retentionSettingsFrom(options);
  const databaseUrl = options.database ?? (process.env.JUNCTION_DATABASE_URL || undefined);
  if (!databaseUrl && !existsSync(join(options.data, 'junction.db'))) {
    throw new JunctionError(
      'JX_CLI_DATA_DIR_NOT_FOUND',
      `${join(options.data, 'junction.db')} does not exist; give --data the directory \`junction serve\` uses (default ./junction-data).`,
      { path: join(options.data, 'junction.db') },
    );
  }
  const storage = await openStorage({
    dataDir: options.data,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(options.databaseSchema ? { databaseSchema: options.databaseSchema } : {}),
  });
  try {
    const policies = await new RetentionPolicyRepository(storage.db).list();
    const report = await purgeNow(
      { store: storage.store, db: storage.db, settings, policies },
      { compact: options.compact ?? true },
    );
    if (options.json) {
      io.out(JSON.stringify(report));
      return EXIT.ok;
    }
    io.out(
      `Purged ${report.runs} runs (${report.journalEntries} journal entries), ${report.callbackLogs} callback log rows, ` +
        `${report.callbackMarks} callback markers, ${report.kv} expired cache rows, ${report.inbox} inbox notices, ` +
        `${report.nonces} nonces in ${report.durationMs} ms.`,
    );
    if (report.bytesBefore !== undefined && report.bytesAfter !== undefined) {
      io.out(
        `Store size ${(report.bytesBefore / MIB).toFixed(1)} MiB → ${(report.bytesAfter / MIB).toFixed(1)} MiB.`,
      );
    }
    return EXIT.ok;
  } finally {
    await storage.store.close();
  }
}
