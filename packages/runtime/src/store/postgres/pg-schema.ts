import type { Pool } from 'pg';
import { JunctionError } from '../../errors/junction-error.ts';

/**
 * Schema migrations, applied in order on open; never edit a released step. JSON is kept as text
 * (not jsonb) so documents and payloads come back byte for byte, key order included.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE flow_snapshots (hash text PRIMARY KEY, document text NOT NULL);

  CREATE TABLE runs (
    id text COLLATE "C" PRIMARY KEY,
    flow_id text NOT NULL,
    flow_version integer,
    flow_hash text NOT NULL,
    status text NOT NULL,
    input text NOT NULL,
    output text,
    error text,
    parent_run_id text,
    test boolean NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    finished_at bigint,
    tags text
  );
  CREATE INDEX runs_by_created ON runs (created_at, id);
  CREATE INDEX runs_by_flow ON runs (flow_id, created_at);
  CREATE INDEX runs_by_status ON runs (status, created_at);
  CREATE INDEX runs_by_parent ON runs (parent_run_id) WHERE parent_run_id IS NOT NULL;

  CREATE TABLE journal (
    run_id text NOT NULL,
    seq integer NOT NULL,
    type text NOT NULL,
    node_id text,
    at bigint NOT NULL,
    body text,
    PRIMARY KEY (run_id, seq)
  );

  CREATE TABLE waits (
    channel text NOT NULL,
    key text NOT NULL,
    run_id text NOT NULL,
    node_id text NOT NULL,
    deadline bigint,
    created_at bigint NOT NULL,
    PRIMARY KEY (channel, key)
  );
  CREATE UNIQUE INDEX waits_by_run ON waits (run_id, node_id);

  CREATE TABLE callback_keys (
    channel text NOT NULL,
    key text NOT NULL,
    state text NOT NULL,
    payload text,
    expires_at bigint,
    PRIMARY KEY (channel, key)
  );
  CREATE INDEX callback_inbox_by_expiry ON callback_keys (expires_at) WHERE state = 'inbox';

  CREATE TABLE timers (
    id text PRIMARY KEY,
    run_id text NOT NULL,
    node_id text NOT NULL,
    kind text NOT NULL,
    due_at bigint NOT NULL,
    lease_until bigint NOT NULL DEFAULT 0
  );
  CREATE INDEX timers_by_due ON timers (due_at);
  CREATE INDEX timers_by_run ON timers (run_id);
  CREATE INDEX timers_leased ON timers (lease_until) WHERE lease_until > 0;

  CREATE TABLE run_leases (run_id text PRIMARY KEY, owner text NOT NULL, until bigint NOT NULL);

  CREATE TABLE kv (
    namespace text NOT NULL,
    key text NOT NULL,
    value text NOT NULL,
    expires_at bigint,
    PRIMARY KEY (namespace, key)
  );

  CREATE TABLE token_buckets (key text PRIMARY KEY, tokens double precision NOT NULL, updated_at bigint NOT NULL);
  `,
  // 2: resumes claimed from a wait but not yet journaled (callback durability).
  `
  CREATE TABLE pending_resumes (
    run_id text NOT NULL,
    node_id text NOT NULL,
    reason text NOT NULL,
    channel text NOT NULL,
    key text NOT NULL,
    payload text,
    created_at bigint NOT NULL,
    PRIMARY KEY (run_id, node_id)
  );
  CREATE INDEX pending_resumes_by_created ON pending_resumes (created_at);
  `,
  // 3: callback notices by body digest (see the SQLite schema's step 3 for the why).
  `
  CREATE TABLE callback_notices (
    channel text NOT NULL,
    key text NOT NULL,
    digest text NOT NULL,
    state text NOT NULL,
    payload text,
    expires_at bigint,
    at bigint NOT NULL,
    PRIMARY KEY (channel, key, digest)
  );
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
  ALTER TABLE callback_notices ADD COLUMN context text;
  ALTER TABLE pending_resumes ADD COLUMN context text;
  `,
  // 5: retention (see the SQLite schema's step 5).
  `
  ALTER TABLE callback_keys ADD COLUMN marked_at bigint;
  `,
];

/** The schema version this code writes. */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/** Quotes an SQL identifier (the schema name comes from configuration). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Creates the schema when missing and brings it to {@link POSTGRES_SCHEMA_VERSION}, under an advisory
 * lock so processes starting together migrate once.
 */
export async function migratePostgres(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`junction-migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const found = await client.query<{ version: number }>('SELECT version FROM schema_version');
    const current = found.rows[0]?.version ?? 0;
    if (current > POSTGRES_SCHEMA_VERSION) {
      throw new JunctionError(
        'JX_STORE_SCHEMA_TOO_NEW',
        `Schema "${schema}" was written by a newer Junction (version ${current}, this one knows ${POSTGRES_SCHEMA_VERSION}); upgrade Junction or use another schema.`,
        { found: current, supported: POSTGRES_SCHEMA_VERSION },
      );
    }
    for (let version = current; version < POSTGRES_SCHEMA_VERSION; version++) {
      await client.query(MIGRATIONS[version] ?? '');
    }
    if (found.rows.length === 0) {
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [POSTGRES_SCHEMA_VERSION]);
    } else {
      await client.query('UPDATE schema_version SET version = $1', [POSTGRES_SCHEMA_VERSION]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
