import type { Database } from 'better-sqlite3';

/**
 * The server's own tables, in the same SQLite file as the run store. Prefixed `srv_` so they never
 * collide with the store's tables, and migrated by name (not `user_version`, which the store may own).
 */
const MIGRATIONS: { name: string; sql: string }[] = [
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
];

/** Applies pending migrations in one transaction each. Safe to call on every start. */
export function migrateServerSchema(db: Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS srv_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set(
    (db.prepare('SELECT name FROM srv_migrations').all() as { name: string }[]).map((r) => r.name),
  );
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.name)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO srv_migrations (name, applied_at) VALUES (?, ?)').run(
        migration.name,
        Date.now(),
      );
    })();
  }
}
