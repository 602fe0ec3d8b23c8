import { join } from 'node:path';
import { createPostgresStore, createSqliteStore, JunctionError, type RunStore } from '@junction/runtime';
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
  try {
    await store.ready;
    const db = postgresDatabase(store.pool);
    await migrateServerSchema(db);
    return { store, db, shared: true };
  } catch (error) {
    await store.close().catch(() => {});
    throw new JunctionError(
      'JX_DATABASE_UNREACHABLE',
      `PostgreSQL at ${redactUrl(options.databaseUrl)} cannot be used (${(error as Error).message}); start it or fix --database.`,
      { url: redactUrl(options.databaseUrl) },
    );
  }
}
