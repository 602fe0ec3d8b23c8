import { JunctionError, SEALED_ERASED, SEALED_PREFIX } from '@junction/runtime';
import type { Logger } from 'pino';
import type { SqlDatabase } from '../db/sql-database.ts';

/** How often the purge looks for finished runs past the retention (and at start). */
const SWEEP_EVERY_MS = 10 * 60_000;
/** Rows rewritten per statement batch: a long backlog is erased in steps, never in one huge transaction. */
const BATCH = 500;
const FINISHED = ['succeeded', 'failed', 'cancelled'];
/** A sealed string inside stored JSON: the prefix and a token of base64url parts joined by dots. */
const SEALED_IN_JSON = new RegExp(`"${SEALED_PREFIX}[A-Za-z0-9._-]*"`, 'g');
const ERASED_JSON = JSON.stringify(SEALED_ERASED);
const LIKE_SEALED = `%${SEALED_PREFIX}%`;

/** Parses a retention such as `30d`, `12h`, `90m`, `45s` (or plain milliseconds) into milliseconds. */
export function parseRetention(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match?.[2] ?? 'ms'];
  const ms = match && unit ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new JunctionError(
      'JX_SEALED_RETENTION_INVALID',
      `--sealed-retention ${text} is not a duration; write it like 30d, 12h or 90m.`,
      { value: text },
    );
  }
  return ms;
}

/**
 * Erases sealed values of runs that finished more than `retentionMs` ago: in their journal entries,
 * run records and key/value rows kept under the run's id (recorded webhook answers) every
 * `jx:sealed:…` string becomes `[sealed value erased]`; everything else in
 * the run (status, timing, plain fields) stays. Returns the number of rows rewritten. Runs still
 * queued, running or waiting are never touched: their replay needs the values.
 */
export async function purgeSealedValues(
  db: SqlDatabase,
  retentionMs: number,
  now = Date.now(),
): Promise<number> {
  const cutoff = now - retentionMs;
  const finished = `r.status IN (${FINISHED.map(() => '?').join(', ')}) AND r.finished_at < ?`;
  let rewritten = 0;
  for (;;) {
    const entries = await db.all<{ run_id: string; seq: number; body: string }>(
      `SELECT j.run_id, j.seq, j.body FROM journal j JOIN runs r ON r.id = j.run_id
       WHERE ${finished} AND j.body LIKE ? LIMIT ${BATCH}`,
      [...FINISHED, cutoff, LIKE_SEALED],
    );
    const runs = await db.all<{ id: string; input: string; output: string | null; error: string | null }>(
      `SELECT r.id, r.input, r.output, r.error FROM runs r
       WHERE ${finished} AND (r.input LIKE ? OR r.output LIKE ? OR r.error LIKE ?) LIMIT ${BATCH}`,
      [...FINISHED, cutoff, LIKE_SEALED, LIKE_SEALED, LIKE_SEALED],
    );
    // Key/value rows kept per run (a recorded webhook answer, sealed whole).
    const kept = await db.all<{ namespace: string; key: string; value: string }>(
      `SELECT k.namespace, k.key, k.value FROM kv k JOIN runs r ON r.id = k.key
       WHERE ${finished} AND k.value LIKE ? LIMIT ${BATCH}`,
      [...FINISHED, cutoff, LIKE_SEALED],
    );
    if (entries.length === 0 && runs.length === 0 && kept.length === 0) {
      // SQLite keeps stale copies of rewritten rows in free space (page splits, the WAL): rebuild the
      // file and truncate the WAL, so the erased tokens are gone from the bytes on disk too.
      if (rewritten > 0 && db.dialect === 'sqlite') {
        await db.run('VACUUM');
        await db.all('PRAGMA wal_checkpoint(TRUNCATE)');
      }
      return rewritten;
    }
    await db.batch([
      ...entries.map((row) => ({
        sql: 'UPDATE journal SET body = ? WHERE run_id = ? AND seq = ?',
        params: [erase(row.body), row.run_id, row.seq],
      })),
      ...runs.map((row) => ({
        sql: 'UPDATE runs SET input = ?, output = ?, error = ? WHERE id = ?',
        params: [erase(row.input), erase(row.output), erase(row.error), row.id],
      })),
      ...kept.map((row) => ({
        sql: 'UPDATE kv SET value = ? WHERE namespace = ? AND key = ?',
        params: [erase(row.value), row.namespace, row.key],
      })),
    ]);
    rewritten += entries.length + runs.length + kept.length;
  }
}

function erase<T extends string | null>(json: T): T {
  return (json === null ? json : json.replace(SEALED_IN_JSON, ERASED_JSON)) as T;
}

/**
 * `--sealed-retention`: runs {@link purgeSealedValues} at start and every ten minutes; returns the
 * function that stops it. A failed sweep is logged and tried again at the next one.
 */
export function startSealedRetention(db: SqlDatabase, retentionMs: number, logger: Logger): () => void {
  const sweep = () =>
    purgeSealedValues(db, retentionMs).then(
      (rewritten) => {
        if (rewritten > 0)
          logger.info({ rewritten, retentionMs }, 'sealed run values past their retention erased');
      },
      (error: unknown) =>
        logger.warn(
          { code: 'JX_SEALED_PURGE_FAILED', err: String(error) },
          'sealed-value purge failed; retried later',
        ),
    );
  void sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
