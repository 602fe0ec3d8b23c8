import type { Database, Statement } from 'better-sqlite3';

const RUN_COLUMNS = `id, flow_id, flow_version, flow_hash, status, input, output, error, parent_run_id, test,
  created_at, updated_at, finished_at, tags`;
const RUN_VALUES = `@id, @flow_id, @flow_version, @flow_hash, @status, @input, @output, @error, @parent_run_id,
  @test, @created_at, @updated_at, @finished_at, @tags`;

/** Every fixed statement of the SQLite store, prepared once when the store opens. */
export function prepareStatements(db: Database) {
  const prepare = (sql: string): Statement => db.prepare(sql);
  return {
    putSnapshot: prepare('INSERT OR IGNORE INTO flow_snapshots (hash, document) VALUES (?, ?)'),
    getSnapshot: prepare('SELECT document FROM flow_snapshots WHERE hash = ?').pluck(),

    insertRun: prepare(`INSERT OR IGNORE INTO runs (${RUN_COLUMNS}) VALUES (${RUN_VALUES})`),
    getRun: prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`),
    orphanRuns: prepare(`SELECT ${RUN_COLUMNS.replace(/(\w+)/g, 'r.$1')} FROM runs r
      LEFT JOIN run_leases l ON l.run_id = r.id
      WHERE r.status IN ('queued', 'running') AND (l.until IS NULL OR l.until <= ?)
      ORDER BY r.created_at, r.id LIMIT ?`),

    insertJournal: prepare(
      'INSERT OR IGNORE INTO journal (run_id, seq, type, node_id, at, body) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    readJournal: prepare(
      'SELECT run_id, seq, type, node_id, at, body FROM journal WHERE run_id = ? ORDER BY seq',
    ),

    getWaitByKey: prepare('SELECT * FROM waits WHERE channel = ? AND key = ?'),
    getWaitByNode: prepare('SELECT * FROM waits WHERE run_id = ? AND node_id = ?'),
    insertWait: prepare(`INSERT INTO waits (channel, key, run_id, node_id, deadline, created_at)
      VALUES (?, ?, ?, ?, ?, ?)`),
    deleteWait: prepare('DELETE FROM waits WHERE channel = ? AND key = ?'),
    deleteWaitByNode: prepare('DELETE FROM waits WHERE run_id = ? AND node_id = ? RETURNING channel, key'),
    deleteRunWaits: prepare('DELETE FROM waits WHERE run_id = ?'),
    listWaits: prepare('SELECT * FROM waits WHERE run_id = ? ORDER BY created_at, node_id'),
    countWaits: prepare('SELECT COUNT(*) FROM waits').pluck(),

    putPendingResume: prepare(`INSERT OR REPLACE INTO pending_resumes
      (run_id, node_id, reason, channel, key, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    listPendingResumes: prepare('SELECT * FROM pending_resumes ORDER BY created_at, run_id, node_id LIMIT ?'),
    listRunPendingResumes: prepare(
      'SELECT * FROM pending_resumes WHERE run_id = ? ORDER BY created_at, node_id LIMIT ?',
    ),
    deletePendingResume: prepare('DELETE FROM pending_resumes WHERE run_id = ? AND node_id = ?'),
    deletePendingResumeAt: prepare(
      'DELETE FROM pending_resumes WHERE run_id = ? AND node_id = ? AND created_at = ?',
    ),
    deleteRunPendingResumes: prepare('DELETE FROM pending_resumes WHERE run_id = ?'),

    getKeyMark: prepare('SELECT state, payload, expires_at FROM callback_keys WHERE channel = ? AND key = ?'),
    setKeyMark: prepare(`INSERT OR REPLACE INTO callback_keys (channel, key, state, payload, expires_at)
      VALUES (?, ?, ?, ?, ?)`),
    deleteKeyMark: prepare('DELETE FROM callback_keys WHERE channel = ? AND key = ?'),
    purgeInbox: prepare("DELETE FROM callback_keys WHERE state = 'inbox' AND expires_at <= ?"),

    putTimer: prepare(`INSERT OR REPLACE INTO timers (id, run_id, node_id, kind, due_at, lease_until)
      VALUES (?, ?, ?, ?, ?, 0)`),
    claimTimers: prepare(`UPDATE timers SET lease_until = ? WHERE id IN (
      SELECT id FROM timers WHERE due_at <= ? AND lease_until <= ? ORDER BY due_at LIMIT ?)
      RETURNING id, run_id, node_id, kind, due_at`),
    deleteTimer: prepare('DELETE FROM timers WHERE id = ?'),
    deleteClaimedTimer: prepare('DELETE FROM timers WHERE id = ? AND lease_until > 0 AND due_at = ?'),
    deleteRunTimers: prepare('DELETE FROM timers WHERE run_id = ?'),
    releaseTimerClaims: prepare('UPDATE timers SET lease_until = 0 WHERE lease_until > 0'),
    nextFreeTimer: prepare('SELECT MIN(due_at) FROM timers WHERE lease_until = 0').pluck(),
    nextLeasedTimer: prepare(
      'SELECT MIN(MAX(due_at, lease_until)) FROM timers WHERE lease_until > 0',
    ).pluck(),

    // One statement settles the race: the row is written only when free, expired or already ours.
    acquireLease: prepare(`INSERT INTO run_leases (run_id, owner, until) VALUES (?, ?, ?)
      ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner, until = excluded.until
      WHERE run_leases.owner = excluded.owner OR run_leases.until <= ?`),
    releaseLease: prepare('DELETE FROM run_leases WHERE run_id = ? AND owner = ?'),
    releaseForeignLeases: prepare('DELETE FROM run_leases WHERE owner <> ?'),

    kvGet: prepare('SELECT value, expires_at FROM kv WHERE namespace = ? AND key = ?'),
    kvSet: prepare('INSERT OR REPLACE INTO kv (namespace, key, value, expires_at) VALUES (?, ?, ?, ?)'),
    kvDelete: prepare('DELETE FROM kv WHERE namespace = ? AND key = ?'),
    getBucket: prepare('SELECT tokens, updated_at AS updatedAt FROM token_buckets WHERE key = ?'),
    putBucket: prepare('INSERT OR REPLACE INTO token_buckets (key, tokens, updated_at) VALUES (?, ?, ?)'),
  };
}

/** The prepared statements of one SQLite store. */
export type SqliteStatements = ReturnType<typeof prepareStatements>;
