import type pg from 'pg';
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { FlowDocument } from '../../flow/flow-types.ts';
import type { Json } from '../../flow/json.ts';
import { loadDriver } from '../load-driver.ts';
import type { RunStore, RunStoreRetention } from '../run-store.ts';
import { type JournalRow, journalFromRow } from '../sql/row-mappers.ts';
import { storeClosedError } from '../store-errors.ts';
import { takeFromBucket } from '../token-bucket.ts';
import { isConnectionError, toStoreError } from './pg-errors.ts';
import { PgJournalBatcher } from './pg-journal-batcher.ts';
import { createPgPurgeQueries } from './pg-purge-queries.ts';
import { createPgRunQueries } from './pg-run-queries.ts';
import { migratePostgres, quoteIdentifier } from './pg-schema.ts';
import { createPgWaitQueries } from './pg-wait-queries.ts';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** e.g. `postgres://user@host:5432/db`. */
  connectionString: string;
  /** Schema holding the store's tables (created when missing). Default `junction`. */
  schema?: string;
  /** Pool size. Default 10. */
  maxConnections?: number;
}

/** The PostgreSQL {@link RunStore}; `pool` is shared so the server can keep its own tables alongside. */
export interface PostgresRunStore extends Omit<RunStore, keyof RunStoreRetention>, RunStoreRetention {
  readonly pool: Pool;
  readonly schema: string;
  /**
   * Resolves once the schema is migrated; rejects (`JX_STORE_UNAVAILABLE` when the server cannot be
   * reached). Reading it again after a failure starts a new attempt, so a caller can wait for a
   * database that is still starting by retrying with a backoff.
   */
  readonly ready: Promise<void>;
}

/** Internal plumbing shared by the PostgreSQL query groups. */
export interface PgContext {
  /** One statement, after queued journal rows are written (reads see every earlier append). */
  query<R extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** `work` inside BEGIN … COMMIT on one connection, after queued journal rows are written. */
  transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T>;
}

const INT8_OID = 20;
// Timestamps and counts are bigint columns; milliseconds fit a JS number exactly, so parse them as one.
function int8AsNumber(driver: typeof pg) {
  return {
    getTypeParser: ((oid: number, format?: string) =>
      oid === INT8_OID
        ? (value: string) => Number(value)
        : driver.types.getTypeParser(oid, format as 'text')) as never,
  };
}

/**
 * Opens a PostgreSQL run store. Returns at once; the schema is created or migrated in the background
 * and every call waits for it (`ready` exposes that step). Atomicity comes from single statements
 * (`INSERT … ON CONFLICT`, `DELETE … RETURNING`), `FOR UPDATE SKIP LOCKED` for timers, and a
 * per-key advisory lock for callback delivery; journal appends are batched per event-loop turn.
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresRunStore {
  const schema = options.schema ?? 'junction';
  const driver = loadDriver<typeof pg>('pg', 'PostgreSQL');
  const pool = new driver.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    // Every connection resolves unqualified table names in the store's schema.
    options: `-c search_path=${quoteIdentifier(schema)}`,
    types: int8AsNumber(driver),
    // A stalled or restarting server must fail calls (coded), never hang them.
    connectionTimeoutMillis: 5000,
    keepAlive: true,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  let migration: Promise<void> | undefined;
  let migrated = false;
  /** The schema migration; a failed attempt is forgotten, so the next caller tries again. */
  const migrate = (): Promise<void> => {
    migration ??= migratePostgres(pool, schema).then(
      () => {
        migrated = true;
      },
      (error: unknown) => {
        migration = undefined;
        throw toStoreError(error);
      },
    );
    return migration;
  };
  migrate().catch(() => undefined);
  const journal = new PgJournalBatcher(pool);
  let closed = false;

  const before = async (): Promise<void> => {
    if (closed) throw storeClosedError();
    if (!migrated) await migrate();
    await journal.flush();
  };
  const context: PgContext = {
    async query(sql, params) {
      await before();
      try {
        return await pool.query(sql, params);
      } catch (error) {
        throw toStoreError(error);
      }
    },
    async transaction(work) {
      await before();
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw toStoreError(error);
      }
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (isConnectionError(error)) broken = error as Error;
        await client.query('ROLLBACK').catch((rollback: Error) => {
          broken = rollback;
        });
        throw toStoreError(error);
      } finally {
        // A client whose connection broke is destroyed, never handed to the next caller.
        client.release(broken);
      }
    },
  };
  const { query, transaction } = context;

  return {
    pool,
    schema,
    get ready() {
      return migrated ? Promise.resolve() : migrate();
    },
    ...createPgRunQueries(context),
    ...createPgWaitQueries(context),
    ...createPgPurgeQueries(context, schema),

    async putFlowSnapshot(hash: string, document: FlowDocument) {
      await query('INSERT INTO flow_snapshots (hash, document) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        hash,
        JSON.stringify(document),
      ]);
    },
    async getFlowSnapshot(hash: string) {
      const row = (
        await query<{ document: string }>('SELECT document FROM flow_snapshots WHERE hash = $1', [hash])
      ).rows[0];
      return row ? (JSON.parse(row.document) as FlowDocument) : undefined;
    },

    async appendJournal(entries) {
      if (closed) throw storeClosedError();
      journal.enqueue(entries);
    },
    discardQueuedJournal(runId) {
      journal.discard(runId);
    },
    async readJournal(runId) {
      const sql = 'SELECT run_id, seq, type, node_id, at, body FROM journal WHERE run_id = $1 ORDER BY seq';
      return (await query<JournalRow>(sql, [runId])).rows.map(journalFromRow);
    },

    async kvGet(namespace, key, now) {
      const row = (
        await query<{ value: string; expires_at: number | null }>(
          'SELECT value, expires_at FROM kv WHERE namespace = $1 AND key = $2',
          [namespace, key],
        )
      ).rows[0];
      if (!row || (row.expires_at !== null && row.expires_at <= now)) return undefined;
      return JSON.parse(row.value) as Json;
    },
    async kvSet(namespace, key, value, expiresAt) {
      await query(
        `INSERT INTO kv (namespace, key, value, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        [namespace, key, JSON.stringify(value), expiresAt ?? null],
      );
    },
    async kvDelete(namespace, key) {
      await query('DELETE FROM kv WHERE namespace = $1 AND key = $2', [namespace, key]);
    },
    takeToken: (key, bucket, now) =>
      transaction(async (client) => {
        // The bucket row may not exist yet, so an advisory lock (not a row lock) orders the takers.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [
          'junction-bucket',
          key,
        ]);
        const previous = (
          await client.query<{ tokens: number; updatedAt: number }>(
            'SELECT tokens, updated_at AS "updatedAt" FROM token_buckets WHERE key = $1',
            [key],
          )
        ).rows[0];
        const result = takeFromBucket(key, previous, bucket, now);
        await client.query(
          `INSERT INTO token_buckets (key, tokens, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at`,
          [key, result.state.tokens, result.state.updatedAt],
        );
        return { allowed: result.allowed, retryAfterMs: result.retryAfterMs };
      }),

    async flush() {
      await before();
    },
    async close() {
      if (closed) return;
      try {
        await migration?.catch(() => undefined);
        await journal.flush();
      } finally {
        closed = true;
        await pool.end();
      }
    },
  };
}
