import type { Database } from 'better-sqlite3';
import { JunctionError } from '../../errors/junction-error.ts';

/**
 * Schema migrations, applied in order on open. Never edit a released step: add a new one.
 * Tables holding only lookups by key are `WITHOUT ROWID` (the key is the row); JSON lives in
 * compact TEXT columns and only columns that queries filter on are indexed, to keep the
 * ~25k journal rows/s the engine writes cheap.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE flow_snapshots (hash TEXT PRIMARY KEY, document TEXT NOT NULL) WITHOUT ROWID;

  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    flow_id TEXT NOT NULL,
    flow_version INTEGER,
    flow_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    input TEXT NOT NULL,
    output TEXT,
    error TEXT,
    parent_run_id TEXT,
    test INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    finished_at INTEGER,
    tags TEXT
  );
  CREATE INDEX runs_by_created ON runs (created_at, id);
  CREATE INDEX runs_by_flow ON runs (flow_id, created_at);
  CREATE INDEX runs_by_status ON runs (status, created_at);
  CREATE INDEX runs_by_parent ON runs (parent_run_id) WHERE parent_run_id IS NOT NULL;

  CREATE TABLE journal (
    run_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    node_id TEXT,
    at INTEGER NOT NULL,
    body TEXT,
    PRIMARY KEY (run_id, seq)
  ) WITHOUT ROWID;

  CREATE TABLE waits (
    channel TEXT NOT NULL,
    key TEXT NOT NULL,
    run_id TEXT NOT NULL,
    node_id TEXT NOT NULL,
    deadline INTEGER,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (channel, key)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX waits_by_run ON waits (run_id, node_id);

  CREATE TABLE callback_keys (
    channel TEXT NOT NULL,
    key TEXT NOT NULL,
    state TEXT NOT NULL,
    payload TEXT,
    expires_at INTEGER,
    PRIMARY KEY (channel, key)
  ) WITHOUT ROWID;
  CREATE INDEX callback_inbox_by_expiry ON callback_keys (expires_at) WHERE state = 'inbox';

  CREATE TABLE timers (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL,
    node_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    lease_until INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;
  CREATE INDEX timers_by_due ON timers (due_at);
  CREATE INDEX timers_by_run ON timers (run_id);
  CREATE INDEX timers_leased ON timers (lease_until) WHERE lease_until > 0;

  CREATE TABLE run_leases (run_id TEXT PRIMARY KEY, owner TEXT NOT NULL, until INTEGER NOT NULL) WITHOUT ROWID;

  CREATE TABLE kv (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    expires_at INTEGER,
    PRIMARY KEY (namespace, key)
  ) WITHOUT ROWID;

  CREATE TABLE token_buckets (key TEXT PRIMARY KEY, tokens REAL NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;
  `,
  // 2: resumes claimed from a wait but not yet journaled (callback durability).
  `
  CREATE TABLE pending_resumes (
    run_id TEXT NOT NULL,
    node_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    channel TEXT NOT NULL,
    key TEXT NOT NULL,
    payload TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, node_id)
  ) WITHOUT ROWID;
  CREATE INDEX pending_resumes_by_created ON pending_resumes (created_at);
  `,
  // 3: callback notices by body digest: several may wait in the inbox for one key, and a retry of one
  // already seen is a duplicate for every later wait on the key. callback_keys keeps timed-out marks.
  // Notices from before keep their place under a digest no body has, so none is lost.
  `
  CREATE TABLE callback_notices (
    channel TEXT NOT NULL,
    key TEXT NOT NULL,
    digest TEXT NOT NULL,
    state TEXT NOT NULL,
    payload TEXT,
    expires_at INTEGER,
    at INTEGER NOT NULL,
    PRIMARY KEY (channel, key, digest)
  ) WITHOUT ROWID;
  CREATE INDEX callback_notices_by_key ON callback_notices (channel, key, at);
  CREATE INDEX callback_notices_inbox ON callback_notices (expires_at) WHERE state = 'inbox';
  INSERT INTO callback_notices (channel, key, digest, state, payload, expires_at, at)
    SELECT channel, key, 'legacy', 'inbox', payload, expires_at, 0 FROM callback_keys WHERE state = 'inbox';
  INSERT INTO callback_notices (channel, key, digest, state, payload, expires_at, at)
    SELECT channel, key, 'legacy', 'seen', NULL, NULL, 0 FROM callback_keys WHERE state = 'delivered';
  DELETE FROM callback_keys WHERE state IN ('inbox', 'delivered');
  `,
  // 4: a callback's headers and query (JSON) beside its body, for wait conditions ($headers, $query).
  `
  ALTER TABLE callback_notices ADD COLUMN context TEXT;
  ALTER TABLE pending_resumes ADD COLUMN context TEXT;
  `,
  // 5: retention. When a purge first saw a timed-out key (the mark has no time of its own), so the
  // mark is dropped once it is older than the callback retention.
  `
  ALTER TABLE callback_keys ADD COLUMN marked_at INTEGER;
  `,
];

/** The schema version this code writes. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database to {@link SQLITE_SCHEMA_VERSION}. Runs in one IMMEDIATE transaction so two
 * processes opening a new file at once cannot both migrate it.
 */
export function migrateSqlite(db: Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  db.transaction(() => {
    const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
    const current = row?.version ?? 0;
    if (current > SQLITE_SCHEMA_VERSION) {
      throw new JunctionError(
        'JX_STORE_SCHEMA_TOO_NEW',
        `The database was written by a newer Junction (schema ${current}, this one knows ${SQLITE_SCHEMA_VERSION}); upgrade Junction or use another file.`,
        { found: current, supported: SQLITE_SCHEMA_VERSION },
      );
    }
    for (let version = current; version < SQLITE_SCHEMA_VERSION; version++)
      db.exec(MIGRATIONS[version] ?? '');
    if (row) db.prepare('UPDATE schema_version SET version = ?').run(SQLITE_SCHEMA_VERSION);
    else db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SQLITE_SCHEMA_VERSION);
  }).immediate();
}
