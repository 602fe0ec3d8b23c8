import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the first start of an embedded data directory keeps the admin token it generated. */
export const ADMIN_TOKEN_FILE = 'admin-token';

/**
 * Writes the admin token generated on the first start of a data directory to `<dataDir>/admin-token`,
 * owner-only (0600) — as Jenkins keeps its initial admin password — so a lost terminal is not a lost
 * server. Written to a temporary name and renamed, so the file is never seen half-written or with a
 * wider mode. Only called when the database had no token: a file left from an earlier database in
 * the directory names a token that no longer exists and is replaced. Returns the file's path.
 */
export function writeAdminTokenFile(dataDir: string, token: string): string {
  const path = join(dataDir, ADMIN_TOKEN_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${token}\n`, { mode: 0o600, flag: 'w' });
  // The mode of `writeFileSync` only applies to a new file; the umask may also have narrowed it.
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}
