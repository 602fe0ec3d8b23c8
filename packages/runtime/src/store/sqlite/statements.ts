import type { Database, Statement } from 'better-sqlite3';

const RUN_COLUMNS = `id, flow_id, flow_version, flow_hash, status, input, output, error, parent_run_id, test,
  created_at, updated_at, finished_at, tags`;
const RUN_VALUES = `@id, @flow_id, @flow_version, @flow_hash, @status, @input, @output, @error, @parent_run_id,
  @test, @created_at, @updated_at, @finished_at, @tags`;

/**
 * A prepared statement of the store. Named here because the typings' own `Statement` resolves to a
 * namespace they do not export, which declaration files cannot name.
 */
export interface PreparedStatement extends Statement<unknown[], unknown> {}

/** Every fixed statement of the SQLite store, prepared once when the store opens. */
export function prepareStatements(db: Database) {
  const prepare = (sql: string): PreparedStatement => db.prepare(sql);
  const pluck = (statement: PreparedStatement): PreparedStatement => statement.pluck();
  return {
    putSnapshot: prepare('INSERT OR IGNORE INTO flow_snapshots (hash, document) VALUES (?, ?)'),
    getSnapshot: pluck(prepare('SELECT document FROM flow_snapshots WHERE hash = ?')),

    insertRun: prepare(`INSERT OR IGNORE INTO runs (${RUN_COLUMNS}) VALUES (${RUN_VALUES})`),
    getRun: prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`),
    orphanRuns: prepare(`SELECT ${RUN_COLUMNS.replace(/(\w+)/g, 'r.$1')} FROM runs r
      LEFT JOIN run_leases l ON l.run_id = r.id
      WHERE r.status IN ('queued', 'running') AND (l.until IS NULL OR l.until <= ?)
      ORDER BY r.created_at, r.id LIMIT ?`),
    strandedRuns: prepare(`SELECT ${RUN_COLUMNS.replace(/(\w+)/g, 'r.$1')} FROM runs r
      LEFT JOIN run_leases l ON l.run_id = r.id
      WHERE r.status = 'waiting' AND (l.until IS NULL OR l.until <= ?)
      AND NOT EXISTS (SELECT 1 FROM waits w WHERE w.run_id = r.id)
      AND NOT EXISTS (SELECT 1 FROM timers t WHERE t.run_id = r.id)
      AND NOT EXISTS (SELECT 1 FROM pending_resumes p WHERE p.run_id = r.id)
      ORDER BY r.updated_at, r.id LIMIT ?`),

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
    countWaits: pluck(prepare('SELECT COUNT(*) FROM waits')),

    putPendingResume: prepare(`INSERT OR REPLACE INTO pending_resumes
      (run_id, node_id, reason, channel, key, payload, created_at, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
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
    purgeInbox: prepare("DELETE FROM callback_notices WHERE state = 'inbox' AND expires_at <= ?"),
    getNotice: prepare(
      'SELECT state, expires_at FROM callback_notices WHERE channel = ? AND key = ? AND digest = ?',
    ),
    // `at` orders the inbox: never before the key's latest notice, so notices of one millisecond
    // keep their arrival order instead of falling back to digest order.
    putNotice:
      prepare(`INSERT OR REPLACE INTO callback_notices (channel, key, digest, state, payload, expires_at, at, context)
      VALUES (@channel, @key, @digest, @state, @payload, @expires_at, MAX(@at, COALESCE(
        (SELECT MAX(at) + 1 FROM callback_notices WHERE channel = @channel AND key = @key), 0)), @context)`),
    oldestInboxNotice: prepare(`SELECT digest, payload, context FROM callback_notices
      WHERE channel = ? AND key = ? AND state = 'inbox' AND expires_at > ? ORDER BY at, digest LIMIT 1`),
    markNoticeSeen: prepare(
      "UPDATE callback_notices SET state = 'seen', payload = NULL, context = NULL, expires_at = NULL WHERE channel = ? AND key = ? AND digest = ?",
    ),

    putTimer: prepare(`INSERT OR REPLACE INTO timers (id, run_id, node_id, kind, due_at, lease_until)
      VALUES (?, ?, ?, ?, ?, 0)`),
    claimTimers: prepare(`UPDATE timers SET lease_until = ? WHERE id IN (
      SELECT id FROM timers WHERE due_at <= ? AND lease_until <= ? ORDER BY due_at LIMIT ?)
      RETURNING id, run_id, node_id, kind, due_at`),
    deleteTimer: prepare('DELETE FROM timers WHERE id = ?'),
    deleteClaimedTimer: prepare('DELETE FROM timers WHERE id = ? AND lease_until > 0 AND due_at = ?'),
    deleteRunTimers: prepare('DELETE FROM timers WHERE run_id = ?'),
    releaseTimerClaims: prepare('UPDATE timers SET lease_until = 0 WHERE lease_until > 0'),
    nextFreeTimer: pluck(prepare('SELECT MIN(due_at) FROM timers WHERE lease_until = 0')),
    nextLeasedTimer: pluck(prepare('SELECT MIN(MAX(due_at, lease_until)) FROM timers WHERE lease_until > 0')),

    // One statement settles the race: the row is written only when free, expired or already ours.
    acquireLease: prepare(`INSERT INTO run_leases (run_id, owner, until) VALUES (?, ?, ?)
      ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner, until = excluded.until
      WHERE run_leases.owner = excluded.owner OR run_leases.until <= ?`),
    putLease: prepare('INSERT OR REPLACE INTO run_leases (run_id, owner, until) VALUES (?, ?, ?)'),
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
