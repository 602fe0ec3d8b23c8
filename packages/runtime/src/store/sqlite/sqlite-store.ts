import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type { FlowDocument } from '../../flow/flow-types.ts';
import type { Json } from '../../flow/json.ts';
import { asPromise } from '../as-promise.ts';
import { loadDriver } from '../load-driver.ts';
import type { RunStore, RunStoreRetention } from '../run-store.ts';
import { type JournalRow, journalFromRow } from '../sql/row-mappers.ts';
import { storeClosedError } from '../store-errors.ts';
import { takeFromBucket } from '../token-bucket.ts';
import { migrateSqlite } from './schema.ts';
import { createSqlitePurgeQueries } from './sqlite-purge-queries.ts';
import { createSqliteRunQueries } from './sqlite-run-queries.ts';
import { createSqliteWaitQueries } from './sqlite-wait-queries.ts';
import { prepareStatements } from './statements.ts';
import { WriteQueue } from './write-queue.ts';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file (created when missing), or `:memory:`. */
  path: string;
  /** How long a write waits for another process holding the file's write lock. Default 5 000 ms. */
  busyTimeoutMs?: number;
  /**
   * WAL pages after which a commit copies the WAL back into the database file (SQLite's
   * `wal_autocheckpoint`). Default 10 000 (about 40 MB): pages rewritten by many runs are then copied
   * once per checkpoint instead of many times, which is a third of the CPU of a busy engine.
   */
  walAutocheckpointPages?: number;
  /**
   * How long journal rows may wait for a transaction when nothing else writes or flushes. Default
   * 20 ms. Durability is unaffected: `flush()` writes them at once, and the engine flushes before
   * anything depends on them; only another process reading the file sees them up to this much later.
   */
  journalDelayMs?: number;
}

/** The SQLite {@link RunStore}; `database` is shared so the server can keep its own tables in the same file. */
export interface SqliteRunStore extends Omit<RunStore, keyof RunStoreRetention>, RunStoreRetention {
  readonly database: Database;
  readonly path: string;
}

/** Internal plumbing shared by the SQLite query groups. */
export interface SqliteContext {
  db: Database;
  statements: ReturnType<typeof prepareStatements>;
  /** Runs `op` in an IMMEDIATE transaction after writing queued rows and writes, keeping global order. */
  write<T>(op: () => T): T;
  /** Runs a read after queued writes are written, so reads see every earlier write. */
  read<T>(op: () => T): T;
  /**
   * Queues a hot write (see `WriteQueue`) for the batch transaction at the end of this event-loop turn;
   * it must be atomic on its own. Settles after the commit.
   */
  queued<T>(op: () => T): Promise<T>;
}

/**
 * Opens (creating or migrating) a SQLite run store: WAL, `synchronous=NORMAL` (durable against a
 * killed process; an OS crash may lose the last commits), statements prepared once, journal appends
 * and run writes batched into one transaction per event-loop turn. Several processes may open the same file; writers queue on the
 * busy timeout.
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteRunStore {
  const Driver = loadDriver<typeof BetterSqlite3>('better-sqlite3', 'SQLite');
  const db = new Driver(options.path);
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5_000))}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`wal_autocheckpoint = ${Math.max(1, Math.floor(options.walAutocheckpointPages ?? 10_000))}`);
  // After a checkpoint the WAL file is cut back to this size instead of keeping its high-water mark.
  db.pragma(`journal_size_limit = ${64 * 2 ** 20}`);
  migrateSqlite(db);
  const statements = prepareStatements(db);
  const journal = new WriteQueue(db, statements.insertJournal, Math.max(0, options.journalDelayMs ?? 20));
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw storeClosedError();
  };
  const context: SqliteContext = {
    db,
    statements,
    write(op) {
      ensureOpen();
      let forget = (): void => {};
      const result = db
        .transaction(() => {
          forget = journal.writeQueued();
          return op();
        })
        .immediate();
      forget();
      return result;
    },
    read(op) {
      ensureOpen();
      if (journal.pending > 0) journal.drain();
      return op();
    },
    queued(op) {
      if (closed) return Promise.reject(storeClosedError());
      return journal.enqueueOp(op);
    },
  };
  const runs = createSqliteRunQueries(context);
  const waits = createSqliteWaitQueries(context);
  const s = statements;

  return {
    database: db,
    path: options.path,
    ...runs,
    ...waits,
    ...createSqlitePurgeQueries(context, options.path),

    putFlowSnapshot: (hash: string, document: FlowDocument) =>
      asPromise(() => context.write(() => void s.putSnapshot.run(hash, JSON.stringify(document)))),
    getFlowSnapshot: (hash: string) =>
      asPromise(() => {
        const text = context.read(() => s.getSnapshot.get(hash) as string | undefined);
        return text === undefined ? undefined : (JSON.parse(text) as FlowDocument);
      }),

    appendJournal: (entries) =>
      asPromise(() => {
        ensureOpen();
        journal.enqueueJournal(entries);
      }),

    readJournal: (runId) =>
      asPromise(() => context.read(() => (s.readJournal.all(runId) as JournalRow[]).map(journalFromRow))),

    kvGet: (namespace, key, now) =>
      asPromise(() => {
        const row = context.read(() => s.kvGet.get(namespace, key)) as
          | { value: string; expires_at: number | null }
          | undefined;
        if (!row || (row.expires_at !== null && row.expires_at <= now)) return undefined;
        return JSON.parse(row.value) as Json;
      }),
    kvSet: (namespace, key, value, expiresAt) =>
      asPromise(() =>
        context.write(() => void s.kvSet.run(namespace, key, JSON.stringify(value), expiresAt ?? null)),
      ),
    kvDelete: (namespace, key) => asPromise(() => context.write(() => void s.kvDelete.run(namespace, key))),
    takeToken: (key, bucket, now) =>
      asPromise(() =>
        context.write(() => {
          const previous = s.getBucket.get(key) as { tokens: number; updatedAt: number } | undefined;
          const result = takeFromBucket(key, previous, bucket, now);
          s.putBucket.run(key, result.state.tokens, result.state.updatedAt);
          return { allowed: result.allowed, retryAfterMs: result.retryAfterMs };
        }),
      ),

    flush: () =>
      asPromise(() => {
        ensureOpen();
        journal.cancelScheduled();
        journal.drain();
      }),
    close: () =>
      asPromise(() => {
        if (closed) return;
        journal.cancelScheduled();
        try {
          journal.drain();
        } finally {
          closed = true;
          db.close();
        }
      }),
  };
}
