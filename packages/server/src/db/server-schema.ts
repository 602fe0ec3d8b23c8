import type { SqlDatabase } from './sql-database.ts';

/**
 * The server's own tables, beside the run store's (same SQLite file, or same PostgreSQL schema).
 * Prefixed `srv_` so they never collide with the store's tables, and migrated by name (not
 * `user_version`, which the store may own). One list per dialect: column types differ (epoch ms
 * are `INTEGER` in SQLite, `BIGINT` in PostgreSQL), the queries do not.
 */
const SQLITE: { name: string; sql: string }[] = [
  {
    name: '001-initial',
    sql: `
      CREATE TABLE srv_flows (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT, document TEXT NOT NULL,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE srv_flow_versions (
        flow_id TEXT NOT NULL, version INTEGER NOT NULL, document TEXT NOT NULL, note TEXT,
        created_at INTEGER NOT NULL, PRIMARY KEY (flow_id, version));
      CREATE TABLE srv_deployments (
        flow_id TEXT PRIMARY KEY, version INTEGER NOT NULL, canary TEXT, previous INTEGER,
        deployed_at INTEGER NOT NULL);
      CREATE TABLE srv_credentials (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, allowed_hosts TEXT NOT NULL,
        fields TEXT NOT NULL, secret_names TEXT NOT NULL, secret_blob TEXT NOT NULL, key_id TEXT NOT NULL,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE srv_tokens (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, scopes TEXT NOT NULL,
        created_at INTEGER NOT NULL, last_used_at INTEGER);
      CREATE TABLE srv_callbacks (
        id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, key TEXT, outcome TEXT NOT NULL,
        run_id TEXT, reason TEXT, at INTEGER NOT NULL);
      CREATE INDEX srv_callbacks_channel ON srv_callbacks (channel, id);
      CREATE TABLE srv_schedules (
        flow_id TEXT NOT NULL, node_id TEXT NOT NULL, next_at INTEGER NOT NULL,
        PRIMARY KEY (flow_id, node_id));
      CREATE TABLE srv_counters (
        name TEXT NOT NULL, labels TEXT NOT NULL, value REAL NOT NULL, PRIMARY KEY (name, labels));
    `,
  },
  {
    // Nonces of verified messages, remembered for their replay window (signing recipes with a nonce).
    name: '002-nonces',
    sql: `
      CREATE TABLE srv_nonces (
        scope TEXT NOT NULL, nonce TEXT NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (scope, nonce));
      CREATE INDEX srv_nonces_by_expiry ON srv_nonces (expires_at);
    `,
  },
];

const POSTGRES: { name: string; sql: string }[] = [
  {
    name: '001-initial',
    sql: `
      CREATE TABLE IF NOT EXISTS srv_flows (
        id text PRIMARY KEY, name text NOT NULL, description text, document text NOT NULL,
        created_at bigint NOT NULL, updated_at bigint NOT NULL);
      CREATE TABLE IF NOT EXISTS srv_flow_versions (
        flow_id text NOT NULL, version integer NOT NULL, document text NOT NULL, note text,
        created_at bigint NOT NULL, PRIMARY KEY (flow_id, version));
      CREATE TABLE IF NOT EXISTS srv_deployments (
        flow_id text PRIMARY KEY, version integer NOT NULL, canary text, previous integer,
        deployed_at bigint NOT NULL);
      CREATE TABLE IF NOT EXISTS srv_credentials (
        id text PRIMARY KEY, name text NOT NULL, kind text NOT NULL, allowed_hosts text NOT NULL,
        fields text NOT NULL, secret_names text NOT NULL, secret_blob text NOT NULL, key_id text NOT NULL,
        created_at bigint NOT NULL, updated_at bigint NOT NULL);
      CREATE TABLE IF NOT EXISTS srv_tokens (
        id text PRIMARY KEY, name text NOT NULL, hash text NOT NULL UNIQUE, scopes text NOT NULL,
        created_at bigint NOT NULL, last_used_at bigint);
      CREATE TABLE IF NOT EXISTS srv_callbacks (
        id bigserial PRIMARY KEY, channel text NOT NULL, key text, outcome text NOT NULL,
        run_id text, reason text, at bigint NOT NULL);
      CREATE INDEX IF NOT EXISTS srv_callbacks_channel ON srv_callbacks (channel, id);
      CREATE TABLE IF NOT EXISTS srv_schedules (
        flow_id text NOT NULL, node_id text NOT NULL, next_at bigint NOT NULL,
        PRIMARY KEY (flow_id, node_id));
      CREATE TABLE IF NOT EXISTS srv_counters (
        name text NOT NULL, labels text NOT NULL, value double precision NOT NULL,
        PRIMARY KEY (name, labels));
    `,
  },
  {
    name: '002-nonces',
    sql: `
      CREATE TABLE IF NOT EXISTS srv_nonces (
        scope text NOT NULL, nonce text NOT NULL, expires_at bigint NOT NULL, PRIMARY KEY (scope, nonce));
      CREATE INDEX IF NOT EXISTS srv_nonces_by_expiry ON srv_nonces (expires_at);
    `,
  },
];

/** Applies pending migrations, one transaction each. Safe to call on every start, from several processes. */
export async function migrateServerSchema(db: SqlDatabase): Promise<void> {
  const postgres = db.dialect === 'postgres';
  const ddl = 'CREATE TABLE IF NOT EXISTS srv_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)';
  // Processes starting together serialise on an advisory lock; the DDL is idempotent besides.
  const lock = postgres ? [{ sql: "SELECT pg_advisory_xact_lock(hashtext('junction.srv_migrations'))" }] : [];
  await db.batch([...lock, { sql: ddl }]);
  const applied = new Set(
    (await db.all<{ name: string }>('SELECT name FROM srv_migrations')).map((r) => r.name),
  );
  for (const migration of postgres ? POSTGRES : SQLITE) {
    if (applied.has(migration.name)) continue;
    const statements = migration.sql
      .split(';')
      .map((sql) => sql.trim())
      .filter(Boolean)
      .map((sql) => ({ sql }));
    await db.batch([
      ...lock,
      ...statements,
      {
        sql: 'INSERT INTO srv_migrations (name, applied_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
        params: [migration.name, Date.now()],
      },
    ]);
  }
}
