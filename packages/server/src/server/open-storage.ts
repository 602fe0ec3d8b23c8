import { join } from 'node:path';
import {
  createPostgresStore,
  createSqliteStore,
  isStoreUnavailable,
  JunctionError,
  type RunStore,
} from '@junction/runtime';
import { postgresDatabase } from '../db/postgres-database.ts';
import { openPrivately } from '../db/private-files.ts';
import { migrateServerSchema } from '../db/server-schema.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import { sqliteDatabase } from '../db/sqlite-database.ts';
import { redactUrl } from '../scale/redis-connection.ts';

/** The run store and the server's tables beside it. */
export interface Storage {
  store: RunStore;
  db: SqlDatabase;
  /** True when other processes may use the same database (PostgreSQL). */
  shared: boolean;
}

/**
 * Opens `<data>/junction.db` (embedded), or the PostgreSQL database at `databaseUrl` (scale-out),
 * and migrates the server's tables. The server's tables share the run store's connection.
 */
export async function openStorage(options: {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
  /** How long start-up waits for a PostgreSQL that cannot be reached yet (default 120 s). */
  databaseWaitMs?: number;
  /** Told about each failed attempt while waiting (for a log line). */
  onWaiting?: (info: { attempt: number; retryInMs: number; reason: string }) => void;
}): Promise<Storage> {
  if (!options.databaseUrl) {
    // Owner-only files (0600): the database holds runs' inputs and outputs, i.e. customer data.
    const store = openPrivately(options.dataDir, () => {
      const opened = createSqliteStore({ path: join(options.dataDir, 'junction.db') });
      // A first read creates the -wal and -shm files while the private umask is in force.
      opened.database.pragma('user_version');
      return opened;
    });
    const db = sqliteDatabase(store.database);
    await migrateServerSchema(db);
    return { store, db, shared: false };
  }
  const store = createPostgresStore({
    connectionString: options.databaseUrl,
    ...(options.databaseSchema ? { schema: options.databaseSchema } : {}),
  });
  const giveUpAt = Date.now() + (options.databaseWaitMs ?? 120_000);
  try {
    const db = postgresDatabase(store.pool);
    for (let attempt = 1; ; attempt++) {
      try {
        await store.ready;
        await migrateServerSchema(db);
        return { store, db, shared: true };
      } catch (error) {
        // Starting up or restarting (a worker restarted during an outage): wait for it, with backoff.
        if (!isStoreUnavailable(error) || Date.now() >= giveUpAt) throw error;
        const retryInMs = Math.min(250 * 2 ** (attempt - 1), 5000);
        const reason = (error as JunctionError).details?.reason;
        options.onWaiting?.({ attempt, retryInMs, reason: String(reason ?? (error as Error).message) });
        await new Promise((resolve) => setTimeout(resolve, retryInMs));
      }
    }
  } catch (error) {
    await store.close().catch(() => {});
    throw new JunctionError(
      'JX_DATABASE_UNREACHABLE',
      `PostgreSQL at ${redactUrl(options.databaseUrl)} cannot be used (${(error as Error).message}); start it or fix --database.`,
      { url: redactUrl(options.databaseUrl) },
    );
  }
}
