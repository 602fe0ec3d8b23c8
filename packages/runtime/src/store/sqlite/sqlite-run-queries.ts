import type { Statement } from 'better-sqlite3';
import { asPromise } from '../as-promise.ts';
import { RUN_STATUSES } from '../run-filter.ts';
import type { RunFilter, RunRecord } from '../run-records.ts';
import type { RunStore } from '../run-store.ts';
import { journalToParams, type RunRow, runFromRow, runPatchColumns, runToRow } from '../sql/row-mappers.ts';
import { runFilterWhere } from '../sql/run-filter-sql.ts';
import { runExistsError, runNotFoundError } from '../store-errors.ts';
import type { SqliteContext } from './sqlite-store.ts';

const RUN_SELECT = `SELECT id, flow_id, flow_version, flow_hash, status, input, output, error, parent_run_id, test,
  created_at, updated_at, finished_at, tags FROM runs`;

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

/** Runs, listing and execution leases of the SQLite store. */
export function createSqliteRunQueries({
  db,
  statements: s,
  read,
  queued,
  write,
}: SqliteContext): RunQueries {
  // Filter shapes are few (the API builds them), so each shape's statement is prepared once and reused.
  const cache = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const sqliteParams = (params: unknown[]): unknown[] =>
    params.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));

  return {
    // Run writes are batched with the journal (one transaction per event-loop turn); each is a
    // single statement, so one that fails leaves nothing behind.
    createRun: (run, lease) => {
      const row = runToRow(run);
      return queued(() => {
        if (s.insertRun.run(row).changes === 0) throw runExistsError(run.id);
        if (lease) s.putLease.run(run.id, lease.owner, lease.until);
      });
    },
    getRun: (id) =>
      asPromise(() => {
        const row = read(() => s.getRun.get(id)) as RunRow | undefined;
        return row ? runFromRow(row) : undefined;
      }),
    listRuns: (filter: RunFilter = {}) =>
      asPromise(() =>
        read(() => {
          let cursor: { createdAt: number; id: string } | undefined;
          if (filter.before !== undefined) {
            const row = s.getRun.get(filter.before) as RunRow | undefined;
            if (!row) throw runNotFoundError(filter.before);
            cursor = { createdAt: row.created_at, id: row.id };
          }
          const where = runFilterWhere(filter, () => '?', cursor);
          const limit =
            filter.limit === undefined || !Number.isFinite(filter.limit)
              ? ''
              : ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
          const sql = `${RUN_SELECT} WHERE ${where.sql} ORDER BY created_at DESC, id DESC${limit}`;
          return (prepared(sql).all(...sqliteParams(where.params)) as RunRow[]).map(runFromRow);
        }),
      ),
    updateRun: (id, patch) => {
      // Only the patched columns are written: no read, and a large input is never rewritten.
      const columns = runPatchColumns(patch as Partial<RunRecord>);
      const statement = prepared(
        `UPDATE runs SET ${columns.map(([column]) => `${column} = ?`).join(', ') || 'id = id'} WHERE id = ?`,
      );
      const values = columns.map(([, value]) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));
      return queued(() => {
        if (statement.run(...values, id).changes === 0) throw runNotFoundError(id);
      });
    },
    countRuns: (filter = {}) =>
      asPromise(() =>
        read(() => {
          const where = runFilterWhere(filter, () => '?');
          const sql = `SELECT status, COUNT(*) AS n FROM runs WHERE ${where.sql} GROUP BY status`;
          const counts: Record<string, number> = Object.fromEntries(
            RUN_STATUSES.map((status) => [status, 0]),
          );
          for (const row of prepared(sql).all(...sqliteParams(where.params)) as {
            status: string;
            n: number;
          }[]) {
            counts[row.status] = row.n;
          }
          return counts;
        }),
      ),

    acquireLease: (runId, owner, now, leaseMs) =>
      queued(() => s.acquireLease.run(runId, owner, now + leaseMs, now).changes === 1),
    releaseLease: (runId, owner) => queued(() => void s.releaseLease.run(runId, owner)),
    // Queued like the other lease writes, so it lands after (and never undoes) any earlier one.
    releaseForeignLeases: (owner) => queued(() => s.releaseForeignLeases.run(owner).changes),
    listOrphanRuns: (now, limit) =>
      asPromise(() => read(() => (s.orphanRuns.all(now, Math.max(0, limit)) as RunRow[]).map(runFromRow))),
    listStrandedRuns: (now, limit) =>
      asPromise(() => read(() => (s.strandedRuns.all(now, Math.max(0, limit)) as RunRow[]).map(runFromRow))),
    // One IMMEDIATE transaction: the status check, the reopen, the lease and the journal row.
    reopenRun: (runId, entry, patch) =>
      asPromise(() =>
        write(() => {
          const tags = patch.tags === undefined ? null : JSON.stringify(patch.tags);
          const reopened = prepared(
            `UPDATE runs SET status = 'queued', error = NULL, finished_at = NULL, updated_at = ?,
             tags = COALESCE(?, tags) WHERE id = ? AND status = 'failed'`,
          ).run(patch.updatedAt, tags, runId).changes;
          if (reopened === 0) return undefined;
          prepared('DELETE FROM run_leases WHERE run_id = ?').run(runId);
          const last = prepared('SELECT MAX(seq) AS seq FROM journal WHERE run_id = ?').get(runId) as {
            seq: number | null;
          };
          const seq = (last.seq ?? 0) + 1;
          s.insertJournal.run(journalToParams({ ...entry, runId, seq }));
          return seq;
        }),
      ),
  };
}
