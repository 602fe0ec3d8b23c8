import type { SqlDatabase } from '../db/sql-database.ts';

/**
 * The nonces of verified webhooks and callbacks, remembered in the server's database (so across
 * restarts and every process of a cluster) until their replay window ends. A second claim of a
 * live nonce is a replay.
 */
export interface NonceLedger {
  /** True when `nonce` is new (or its window ended) for `scope`; false for a replay. */
  claim(scope: string, nonce: string, expiresAt: number, now?: number): Promise<boolean>;
  /** Forgets a claim, so the sender's retry of a message Junction failed to handle is not a replay. */
  release(scope: string, nonce: string): Promise<void>;
}

/** Expired rows are deleted on every this many claims. */
const PURGE_EVERY = 200;

/** A ledger on the server's SQLite or PostgreSQL database (table `srv_nonces`). */
export function createNonceLedger(db: SqlDatabase): NonceLedger {
  let claims = 0;
  return {
    async claim(scope, nonce, expiresAt, now = Date.now()) {
      if (++claims % PURGE_EVERY === 0) await db.run('DELETE FROM srv_nonces WHERE expires_at <= ?', [now]);
      // One statement decides a race between processes: a live row is never overwritten.
      const changed = await db.run(
        `INSERT INTO srv_nonces (scope, nonce, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (scope, nonce) DO UPDATE SET expires_at = excluded.expires_at
         WHERE srv_nonces.expires_at <= ?`,
        [scope, nonce, expiresAt, now],
      );
      return changed > 0;
    },
    async release(scope, nonce) {
      await db.run('DELETE FROM srv_nonces WHERE scope = ? AND nonce = ?', [scope, nonce]);
    },
  };
}
