import { RUN_STATUSES } from '../run-filter.ts';
import type { RunFilter } from '../run-records.ts';
import type { RunStore } from '../run-store.ts';
import { journalToParams, type RunRow, runFromRow, runPatchColumns, runToRow } from '../sql/row-mappers.ts';
import { runFilterWhere } from '../sql/run-filter-sql.ts';
import { runExistsError, runNotFoundError } from '../store-errors.ts';
import type { PgContext } from './postgres-store.ts';

const RUN_COLUMNS = [
  'id',
  'flow_id',
  'flow_version',
  'flow_hash',
  'status',
  'input',
  'output',
  'error',
  'parent_run_id',
  'test',
  'created_at',
  'updated_at',
  'finished_at',
  'tags',
] as const;
const RUN_SELECT = `SELECT ${RUN_COLUMNS.join(', ')} FROM runs`;
const INSERT_RUN = `INSERT INTO runs (${RUN_COLUMNS.join(', ')})
  VALUES (${RUN_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (id) DO NOTHING`;

const INSERT_LEASED_RUN = `WITH created AS (${INSERT_RUN} RETURNING id)
  INSERT INTO run_leases (run_id, owner, until)
  SELECT id, $${RUN_COLUMNS.length + 1}, $${RUN_COLUMNS.length + 2} FROM created
  ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner, until = excluded.until`;

type RunQueries = Pick<
  RunStore,
  | 'createRun'
  | 'getRun'
  | 'listRuns'
  | 'updateRun'
  | 'countRuns'
  | 'acquireLease'
  | 'releaseLease'
  | 'releaseForeignLeases'
  | 'listOrphanRuns'
  | 'listStrandedRuns'
  | 'reopenRun'
>;

const dollar = (index: number): string => `$${index}`;

/** Runs, listing and execution leases of the PostgreSQL store. */
export function createPgRunQueries({ query, transaction }: PgContext): RunQueries {
  const getRow = async (id: string): Promise<RunRow | undefined> =>
    (await query<RunRow>(`${RUN_SELECT} WHERE id = $1`, [id])).rows[0];

  return {
    async createRun(run, lease) {
      const row = runToRow(run);
      const values: unknown[] = RUN_COLUMNS.map((column) => row[column]);
      // One statement: the lease row exists from the moment the run does.
      const result = lease
        ? await query(INSERT_LEASED_RUN, [...values, lease.owner, lease.until])
        : await query(INSERT_RUN, values);
      if (result.rowCount === 0) throw runExistsError(run.id);
    },
    async getRun(id) {
      const row = await getRow(id);
      return row ? runFromRow(row) : undefined;
    },
    async listRuns(filter: RunFilter = {}) {
      let cursor: { createdAt: number; id: string } | undefined;
      if (filter.before !== undefined) {
        const row = await getRow(filter.before);
        if (!row) throw runNotFoundError(filter.before);
        cursor = { createdAt: row.created_at, id: row.id };
      }
      const where = runFilterWhere(filter, dollar, cursor, 'postgres');
      const limit =
        filter.limit === undefined || !Number.isFinite(filter.limit)
          ? ''
          : ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
      // runs.id is COLLATE "C": the tie-break is byte order, as in SQLite and the memory store.
      const sql = `${RUN_SELECT} WHERE ${where.sql} ORDER BY created_at DESC, id DESC${limit}`;
      return (await query<RunRow>(sql, where.params)).rows.map(runFromRow);
    },
    async updateRun(id, patch) {
      const columns = runPatchColumns(patch);
      const sets = columns.map(([column], index) => `${column} = $${index + 2}`);
      const sql =
        sets.length === 0
          ? 'SELECT 1 FROM runs WHERE id = $1'
          : `UPDATE runs SET ${sets.join(', ')} WHERE id = $1`;
      const result = await query(sql, [id, ...columns.map(([, value]) => value)]);
      if (result.rowCount === 0) throw runNotFoundError(id);
    },
    async countRuns(filter = {}) {
      const where = runFilterWhere(filter, dollar, undefined, 'postgres');
      const sql = `SELECT status, COUNT(*) AS n FROM runs WHERE ${where.sql} GROUP BY status`;
      const counts: Record<string, number> = Object.fromEntries(RUN_STATUSES.map((status) => [status, 0]));
      for (const row of (await query<{ status: string; n: number }>(sql, where.params)).rows) {
        counts[row.status] = row.n;
      }
      return counts;
    },

    async acquireLease(runId, owner, now, leaseMs) {
      // One statement settles the race: the row is written only when free, expired or already ours.
      const result = await query(
        `INSERT INTO run_leases (run_id, owner, until) VALUES ($1, $2, $3)
         ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner, until = excluded.until
         WHERE run_leases.owner = excluded.owner OR run_leases.until <= $4`,
        [runId, owner, now + leaseMs, now],
      );
      return result.rowCount === 1;
    },
    async releaseLease(runId, owner) {
      await query('DELETE FROM run_leases WHERE run_id = $1 AND owner = $2', [runId, owner]);
    },
    async releaseForeignLeases(owner) {
      return (await query('DELETE FROM run_leases WHERE owner <> $1', [owner])).rowCount ?? 0;
    },
    async listOrphanRuns(now, limit) {
      const sql = `SELECT ${RUN_COLUMNS.map((column) => `r.${column}`).join(', ')} FROM runs r
        LEFT JOIN run_leases l ON l.run_id = r.id
        WHERE r.status IN ('queued', 'running') AND (l.until IS NULL OR l.until <= $1)
        ORDER BY r.created_at, r.id LIMIT $2`;
      return (await query<RunRow>(sql, [now, Math.max(0, limit)])).rows.map(runFromRow);
    },
    async listStrandedRuns(now, limit) {
      const sql = `SELECT ${RUN_COLUMNS.map((column) => `r.${column}`).join(', ')} FROM runs r
        LEFT JOIN run_leases l ON l.run_id = r.id
        WHERE r.status = 'waiting' AND (l.until IS NULL OR l.until <= $1)
      AND NOT EXISTS (SELECT 1 FROM waits w WHERE w.run_id = r.id)
      AND NOT EXISTS (SELECT 1 FROM timers t WHERE t.run_id = r.id)
      AND NOT EXISTS (SELECT 1 FROM pending_resumes p WHERE p.run_id = r.id)
        ORDER BY r.updated_at, r.id LIMIT $2`;
      return (await query<RunRow>(sql, [now, Math.max(0, limit)])).rows.map(runFromRow);
    },
    // One transaction; the run row's lock (UPDATE … WHERE status = 'failed') serialises two retries.
    reopenRun(runId, entry, patch) {
      return transaction(async (client) => {
        const tags = patch.tags === undefined ? null : JSON.stringify(patch.tags);
        const reopened = await client.query(
          `UPDATE runs SET status = 'queued', error = NULL, finished_at = NULL, updated_at = $2,
           tags = COALESCE($3, tags) WHERE id = $1 AND status = 'failed'`,
          [runId, patch.updatedAt, tags],
        );
        if (reopened.rowCount === 0) return undefined;
        await client.query('DELETE FROM run_leases WHERE run_id = $1', [runId]);
        const last = await client.query<{ seq: number | null }>(
          'SELECT MAX(seq) AS seq FROM journal WHERE run_id = $1',
          [runId],
        );
        const seq = Number(last.rows[0]?.seq ?? 0) + 1;
        const params = journalToParams({ ...entry, runId, seq });
        await client.query(
          'INSERT INTO journal (run_id, seq, type, node_id, at, body) VALUES ($1, $2, $3, $4, $5, $6)',
          params,
        );
        return seq;
      });
    },
  };
}
