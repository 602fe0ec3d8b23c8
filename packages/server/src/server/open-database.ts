import { join } from 'node:path';
import { createSqliteStore, type SqliteRunStore } from '@junction/runtime';

/** Opens `<data>/junction.db`; the server's own tables share the run store's connection. */
export function openStore(dataDir: string): SqliteRunStore {
  return createSqliteStore({ path: join(dataDir, 'junction.db') });
}
