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
  {
    // The audit log: append-only (only ever inserted into); newest first by id.
    name: '003-audit-log',
    sql: `
      CREATE TABLE srv_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor TEXT NOT NULL,
        action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT NOT NULL);
      CREATE INDEX srv_audit_by_at ON srv_audit (at, id);
      CREATE INDEX srv_audit_by_target ON srv_audit (target, id);
      CREATE INDEX srv_audit_by_action ON srv_audit (action, id);
    `,
  },
  {
    // A flow's stored test file, and the last test result of each version (flow tests, deploy gate).
    name: '004-flow-tests',
    sql: `
      CREATE TABLE srv_flow_tests (
        flow_id TEXT PRIMARY KEY, document TEXT NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE srv_flow_version_tests (
        flow_id TEXT NOT NULL, version INTEGER NOT NULL, passed INTEGER NOT NULL, total INTEGER NOT NULL,
        failed INTEGER NOT NULL, ran_at INTEGER NOT NULL, PRIMARY KEY (flow_id, version));
    `,
  },
  {
    // Environments (promotion order), per-environment credential bindings and flow variables;
    // deployments keyed by (environment, flow): the rows deployed before are production's.
    name: 'environments-001',
    sql: `
      CREATE TABLE srv_environments (
        name TEXT PRIMARY KEY, position INTEGER NOT NULL, description TEXT,
        credentials TEXT NOT NULL, variables TEXT NOT NULL, created_at INTEGER NOT NULL);
      INSERT INTO srv_environments (name, position, description, credentials, variables, created_at)
        VALUES ('sandbox', 0, 'Test runs and the supplier''s test system', '{}', '{}', 0),
               ('production', 1, 'Live traffic', '{}', '{}', 0);
      CREATE TABLE srv_env_deployments (
        environment TEXT NOT NULL, flow_id TEXT NOT NULL, version INTEGER NOT NULL, canary TEXT,
        previous INTEGER, deployed_at INTEGER NOT NULL, PRIMARY KEY (environment, flow_id));
      INSERT INTO srv_env_deployments (environment, flow_id, version, canary, previous, deployed_at)
        SELECT 'production', flow_id, version, canary, previous, deployed_at FROM srv_deployments;
      DROP TABLE srv_deployments;
      ALTER TABLE srv_env_deployments RENAME TO srv_deployments;
      CREATE TABLE srv_deployment_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT, environment TEXT NOT NULL, flow_id TEXT NOT NULL,
        action TEXT NOT NULL, version INTEGER, canary TEXT, reason TEXT, actor TEXT, at INTEGER NOT NULL);
      CREATE INDEX srv_deployment_history_by_flow ON srv_deployment_history (flow_id, id);
    `,
  },
  {
    // Alert rules (channels sealed with the master key), their firing state (de-duplication) and history.
    name: 'alerts-001',
    sql: `
      CREATE TABLE srv_alert_rules (
        id TEXT PRIMARY KEY, spec TEXT NOT NULL, channels TEXT NOT NULL, sealed_channels TEXT NOT NULL,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE srv_alert_state (
        rule_id TEXT NOT NULL, subject TEXT NOT NULL, status TEXT NOT NULL, value REAL, since INTEGER NOT NULL,
        notified_at INTEGER NOT NULL, checked_at INTEGER NOT NULL, PRIMARY KEY (rule_id, subject));
      CREATE TABLE srv_alert_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT, rule_id TEXT NOT NULL, rule_name TEXT NOT NULL,
        subject TEXT NOT NULL, type TEXT NOT NULL, value REAL, threshold REAL NOT NULL, at INTEGER NOT NULL,
        deliveries TEXT NOT NULL, error TEXT);
      CREATE INDEX srv_alert_events_by_rule ON srv_alert_events (rule_id, at);
      CREATE INDEX srv_alert_events_by_time ON srv_alert_events (at);
      CREATE TABLE srv_alert_signals (flow_id TEXT NOT NULL, kind TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX srv_alert_signals_by_flow ON srv_alert_signals (flow_id, kind, at);
    `,
  },
  {
    // Per-flow retention policies (JSON: a field left out follows the server's default, null keeps
    // forever); the callback log is purged by age.
    name: 'retention-001',
    sql: `
      CREATE TABLE srv_retention_policies (
        flow_id TEXT PRIMARY KEY, policy TEXT NOT NULL, updated_at INTEGER NOT NULL);
      CREATE INDEX srv_callbacks_by_at ON srv_callbacks (at);
    `,
  },
  {
    // Runs by business key: the runs list's `?key=` looks callbacks up by their correlation key.
    name: 'runs-by-key-001',
    sql: `
      CREATE INDEX srv_callbacks_by_key ON srv_callbacks (key, run_id);
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
  {
    name: '003-audit-log',
    sql: `
      CREATE TABLE IF NOT EXISTS srv_audit (
        id bigserial PRIMARY KEY, at bigint NOT NULL, actor text NOT NULL,
        action text NOT NULL, target text NOT NULL, detail text NOT NULL);
      CREATE INDEX IF NOT EXISTS srv_audit_by_at ON srv_audit (at, id);
      CREATE INDEX IF NOT EXISTS srv_audit_by_target ON srv_audit (target, id);
      CREATE INDEX IF NOT EXISTS srv_audit_by_action ON srv_audit (action, id);
    `,
  },
  {
    name: '004-flow-tests',
    sql: `
      CREATE TABLE IF NOT EXISTS srv_flow_tests (
        flow_id text PRIMARY KEY, document text NOT NULL, updated_at bigint NOT NULL);
      CREATE TABLE IF NOT EXISTS srv_flow_version_tests (
        flow_id text NOT NULL, version integer NOT NULL, passed integer NOT NULL, total integer NOT NULL,
        failed integer NOT NULL, ran_at bigint NOT NULL, PRIMARY KEY (flow_id, version));
    `,
  },
  {
    name: 'environments-001',
    sql: `
      CREATE TABLE IF NOT EXISTS srv_environments (
        name text PRIMARY KEY, position integer NOT NULL, description text,
        credentials text NOT NULL, variables text NOT NULL, created_at bigint NOT NULL);
      INSERT INTO srv_environments (name, position, description, credentials, variables, created_at)
        VALUES ('sandbox', 0, 'Test runs and the supplier''s test system', '{}', '{}', 0),
               ('production', 1, 'Live traffic', '{}', '{}', 0)
        ON CONFLICT (name) DO NOTHING;
      CREATE TABLE srv_env_deployments (
        environment text NOT NULL, flow_id text NOT NULL, version integer NOT NULL, canary text,
        previous integer, deployed_at bigint NOT NULL, PRIMARY KEY (environment, flow_id));
      INSERT INTO srv_env_deployments (environment, flow_id, version, canary, previous, deployed_at)
        SELECT 'production', flow_id, version, canary, previous, deployed_at FROM srv_deployments;
      DROP TABLE srv_deployments;
      ALTER TABLE srv_env_deployments RENAME TO srv_deployments;
      CREATE TABLE IF NOT EXISTS srv_deployment_history (
        id bigserial PRIMARY KEY, environment text NOT NULL, flow_id text NOT NULL,
        action text NOT NULL, version integer, canary text, reason text, actor text, at bigint NOT NULL);
      CREATE INDEX IF NOT EXISTS srv_deployment_history_by_flow ON srv_deployment_history (flow_id, id);
    `,
  },
  {
    name: 'alerts-001',
    sql: `
      CREATE TABLE IF NOT EXISTS srv_alert_rules (
        id text PRIMARY KEY, spec text NOT NULL, channels text NOT NULL, sealed_channels text NOT NULL,
        created_at bigint NOT NULL, updated_at bigint NOT NULL);
      CREATE TABLE IF NOT EXISTS srv_alert_state (
        rule_id text NOT NULL, subject text NOT NULL, status text NOT NULL, value double precision,
        since bigint NOT NULL, notified_at bigint NOT NULL, checked_at bigint NOT NULL,
        PRIMARY KEY (rule_id, subject));
      CREATE TABLE IF NOT EXISTS srv_alert_events (
        id bigserial PRIMARY KEY, rule_id text NOT NULL, rule_name text NOT NULL,
        subject text NOT NULL, type text NOT NULL, value double precision, threshold double precision NOT NULL,
        at bigint NOT NULL, deliveries text NOT NULL, error text);
      CREATE INDEX IF NOT EXISTS srv_alert_events_by_rule ON srv_alert_events (rule_id, at);
      CREATE INDEX IF NOT EXISTS srv_alert_events_by_time ON srv_alert_events (at);
      CREATE TABLE IF NOT EXISTS srv_alert_signals (flow_id text NOT NULL, kind text NOT NULL, at bigint NOT NULL);
      CREATE INDEX IF NOT EXISTS srv_alert_signals_by_flow ON srv_alert_signals (flow_id, kind, at);
    `,
  },
  {
    name: 'retention-001',
    sql: `
      CREATE TABLE IF NOT EXISTS srv_retention_policies (
        flow_id text PRIMARY KEY, policy text NOT NULL, updated_at bigint NOT NULL);
      CREATE INDEX IF NOT EXISTS srv_callbacks_by_at ON srv_callbacks (at);
    `,
  },
  {
    name: 'runs-by-key-001',
    sql: `
      CREATE INDEX IF NOT EXISTS srv_callbacks_by_key ON srv_callbacks (key, run_id);
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
