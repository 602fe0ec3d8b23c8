import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The SQLite files of a data directory (the database and its WAL companions). */
export const SQLITE_FILES = ['junction.db', 'junction.db-wal', 'junction.db-shm'];

/**
 * Creates the data directory if needed and makes it private (0700): it holds customer data, the
 * master key and the admin token.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Runs `open` with a umask that makes every file it creates owner-only, then sets 0600 on the
 * SQLite files that exist (files created before this rule, or by a process with another umask).
 * SQLite creates `-wal` and `-shm` lazily with the process umask, hence the umask and not a chmod alone.
 */
export function openPrivately<T>(dir: string, open: () => T): T {
  const previous = process.umask(0o077);
  try {
    return open();
  } finally {
    process.umask(previous);
    for (const name of SQLITE_FILES) {
      const path = join(dir, name);
      if (existsSync(path)) chmodSync(path, 0o600);
    }
  }
}
