import { RUN_PURGE_BATCH } from '../run-purge.ts';
import type { RunStoreRetention } from '../run-store.ts';
import { FINISHED_CONDITION, purgeRunIdsQuery, RUN_SIDE_TABLES } from '../sql/purge-sql.ts';
import type { PgContext } from './postgres-store.ts';

const dollar = (index: number): string => `$${index}`;
/** Tables a purge deletes from, vacuumed by `compact`. */
const PURGED_TABLES = ['runs', 'journal', 'kv', 'callback_notices', 'callback_keys', ...RUN_SIDE_TABLES];

/**
 * Retention of the PostgreSQL store. Each batch is one transaction: the runs are deleted first
 * (`… AND <finished> RETURNING id`), then the rows keyed by their ids. Several workers may purge at once: a row deleted by one is skipped by the other.
 */
export function createPgPurgeQueries({ query, transaction }: PgContext, schema: string): RunStoreRetention {
  const schemaBytes = async (): Promise<number> =>
    (
      await query<{ bytes: number }>(
        `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relkind = 'r'`,
        [schema],
      )
    ).rows[0]?.bytes ?? 0;

  return {
    purgeRuns: (selection) =>
      transaction(async (client) => {
        const found = purgeRunIdsQuery(selection, selection.limit ?? RUN_PURGE_BATCH, dollar);
        if (!found) return { runs: 0, journalEntries: 0 };
        // Selected first, then deleted by primary key: `DELETE … WHERE id IN (…)` hash-joined a scan
        // of every finished run for each batch. The DELETE re-checks the status of a row a concurrent
        // retry just updated (READ COMMITTED), so a run active again is kept.
        const selected = (await client.query<{ id: string }>(found.sql, found.params)).rows.map(
          (row) => row.id,
        );
        if (selected.length === 0) return { runs: 0, journalEntries: 0 };
        const ids = (
          await client.query<{ id: string }>(
            `DELETE FROM runs WHERE id = ANY($1::text[]) AND ${FINISHED_CONDITION} RETURNING id`,
            [selected],
          )
        ).rows.map((row) => row.id);
        if (ids.length === 0) return { runs: 0, journalEntries: 0 };
        const journal = await client.query('DELETE FROM journal WHERE run_id = ANY($1::text[])', [ids]);
        for (const table of RUN_SIDE_TABLES) {
          await client.query(`DELETE FROM ${table} WHERE run_id = ANY($1::text[])`, [ids]);
        }
        return { runs: ids.length, journalEntries: journal.rowCount ?? 0 };
      }),

    purgeExpired: ({ now, callbackMarksBefore }) =>
      transaction(async (client) => {
        const count = async (sql: string, params: unknown[]): Promise<number> =>
          (await client.query(sql, params)).rowCount ?? 0;
        const kv = await count('DELETE FROM kv WHERE expires_at IS NOT NULL AND expires_at <= $1', [now]);
        const inbox = await count("DELETE FROM callback_notices WHERE state = 'inbox' AND expires_at <= $1", [
          now,
        ]);
        // A notice seen on a key someone waits on again still marks a supplier's retry as a duplicate.
        const seen = await count(
          `DELETE FROM callback_notices n WHERE n.state = 'seen' AND n.at < $1
           AND NOT EXISTS (SELECT 1 FROM waits w WHERE w.channel = n.channel AND w.key = n.key)`,
          [callbackMarksBefore],
        );
        // Timed-out marks carry no time of their own: the first purge that sees one stamps it.
        await client.query(
          "UPDATE callback_keys SET marked_at = $1 WHERE state = 'timed_out' AND marked_at IS NULL",
          [now],
        );
        const timedOut = await count(
          "DELETE FROM callback_keys WHERE state = 'timed_out' AND marked_at < $1",
          [callbackMarksBefore],
        );
        return { kv, inbox, callbackMarks: seen + timedOut };
      }),

    async compact() {
      const bytesBefore = await schemaBytes();
      // Plain VACUUM takes no exclusive lock: the space becomes reusable, the files rarely shrink.
      await query(`VACUUM (ANALYZE) ${PURGED_TABLES.join(', ')}`);
      return { bytesBefore, bytesAfter: await schemaBytes() };
    },
  };
}
