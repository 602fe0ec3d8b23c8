import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteStore, engineAvailable, type SqliteRunStore } from '../integration/runtime-glue.ts';

/**
 * Opens `<data>/junction.db`: through the runtime's SQLite store when it is available (the server's
 * tables share its connection), otherwise directly, so flows and credentials work without an engine.
 */
export function openDatabase(dataDir: string): { db: Database.Database; store: SqliteRunStore | undefined } {
  const path = join(dataDir, 'junction.db');
  if (engineAvailable()) {
    const store = createSqliteStore(path);
    return { db: store.database, store };
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  return { db, store: undefined };
}
