import { existsSync, statSync } from 'node:fs';
import type { Statement } from 'better-sqlite3';
import { asPromise } from '../as-promise.ts';
import { RUN_PURGE_BATCH } from '../run-purge.ts';
import type { RunStoreRetention } from '../run-store.ts';
import { FINISHED_CONDITION, purgeRunIdsQuery, RUN_SIDE_TABLES } from '../sql/purge-sql.ts';
import type { SqliteContext } from './sqlite-store.ts';

/** SQLite's `auto_vacuum` value for INCREMENTAL. */
const INCREMENTAL = 2;

/**
 * Retention of the SQLite store: deleting finished runs with their journal, expired rows and old
 * callback markers, and giving the freed pages back to the file system.
 */
export function createSqlitePurgeQueries(
  { db, write, read }: SqliteContext,
  path: string,
): RunStoreRetention {
  const cache = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const byRun = [
    prepared('DELETE FROM journal WHERE run_id = ?'),
    ...RUN_SIDE_TABLES.map((table) => prepared(`DELETE FROM ${table} WHERE run_id = ?`)),
  ];
  const deleteRun = prepared(`DELETE FROM runs WHERE id = ? AND ${FINISHED_CONDITION}`);
  const fileBytes = (): number => {
    if (path === ':memory:' || path === '') {
      return (
        Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }))
      );
    }
    const wal = `${path}-wal`;
    return statSync(path).size + (existsSync(wal) ? statSync(wal).size : 0);
  };

  return {
    purgeRuns: (selection) =>
      asPromise(() =>
        write(() => {
          const query = purgeRunIdsQuery(selection, selection.limit ?? RUN_PURGE_BATCH, () => '?');
          if (!query) return { runs: 0, journalEntries: 0 };
          // Selected, then deleted one by one by primary key, inside this one write transaction (so
          // nothing changes in between): `DELETE … WHERE id IN (…)` let the planner scan every
          // finished run by status for each batch.
          const ids = prepared(query.sql)
            .pluck()
            .all(...query.params) as string[];
          let runs = 0;
          let journalEntries = 0;
          for (const id of ids) {
            if (deleteRun.run(id).changes === 0) continue;
            runs++;
            journalEntries += (byRun[0] as Statement).run(id).changes;
            for (const statement of byRun.slice(1)) statement.run(id);
          }
          return { runs, journalEntries };
        }),
      ),

    purgeExpired: ({ now, callbackMarksBefore }) =>
      asPromise(() =>
        write(() => {
          const kv = prepared('DELETE FROM kv WHERE expires_at IS NOT NULL AND expires_at <= ?').run(
            now,
          ).changes;
          const inbox = prepared(
            "DELETE FROM callback_notices WHERE state = 'inbox' AND expires_at <= ?",
          ).run(now).changes;
          // A notice seen on a key someone waits on again still marks a supplier's retry as a duplicate.
          const seen = prepared(`DELETE FROM callback_notices WHERE state = 'seen' AND at < ?
            AND NOT EXISTS (SELECT 1 FROM waits w WHERE w.channel = callback_notices.channel
              AND w.key = callback_notices.key)`).run(callbackMarksBefore).changes;
          // Timed-out marks carry no time of their own: the first purge that sees one stamps it.
          prepared(
            "UPDATE callback_keys SET marked_at = ? WHERE state = 'timed_out' AND marked_at IS NULL",
          ).run(now);
          const timedOut = prepared(
            "DELETE FROM callback_keys WHERE state = 'timed_out' AND marked_at < ?",
          ).run(callbackMarksBefore).changes;
          return { kv, inbox, callbackMarks: seen + timedOut };
        }),
      ),

    compact: () =>
      asPromise(() =>
        read(() => {
          const bytesBefore = fileBytes();
          if (Number(db.pragma('auto_vacuum', { simple: true })) === INCREMENTAL) {
            db.pragma('incremental_vacuum');
          } else {
            // Once per file: switching to incremental needs a rebuild; later compactions are cheap.
            db.pragma('auto_vacuum = INCREMENTAL');
            db.exec('VACUUM');
          }
          db.pragma('wal_checkpoint(TRUNCATE)');
          return { bytesBefore, bytesAfter: fileBytes() };
        }),
      ),
  };
}
