// `pnpm --filter @junction/server bench:retention` (also part of the server's `bench`): a retention
// purge of 100,000 finished runs (BENCH_RETENTION_RUNS), each with four journal entries and a
// callback log row, on a fresh SQLite file and a fresh PostgreSQL schema (BENCH_RETENTION_POSTGRES,
// default the test server; `off` skips it). 1,000 recent finished runs and 100 waiting runs must
// survive. Rows are seeded with SQL (generate_series / a recursive CTE), not through the engine: the
// purge, not the seeding, is measured. Each side runs BENCH_RETENTION_REPEATS times (default 3); the
// table shows medians of the store size before and after, and of the purge's time (deleting, then
// reclaiming space). Written to packages/server/.bench/retention.md. Nothing here asserts a speed.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JunctionError, type PostgresRunStore, type SqliteRunStore } from '@junction/runtime';
import { purgeNow } from '../src/retention/purge-runner.ts';
import { DEFAULT_RETENTION } from '../src/retention/retention-settings.ts';
import { openStorage, type Storage } from '../src/server/open-storage.ts';

const RUNS = Number(process.env.BENCH_RETENTION_RUNS ?? 100_000);
const REPEATS = Number(process.env.BENCH_RETENTION_REPEATS ?? 3);
const POSTGRES = process.env.BENCH_RETENTION_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const KEPT_FINISHED = 1_000;
const KEPT_WAITING = 100;
const DAY = 86_400_000;
const outDir = fileURLToPath(new URL('../.bench/', import.meta.url));

interface Sample {
  bytesBefore: number;
  bytesAfter: number;
  deleteMs: number;
  compactMs: number;
  runs: number;
  journalEntries: number;
  callbackLogs: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Seeds `RUNS` old finished runs (two of three succeeded), recent ones and waiting ones, in SQL. */
function seedSql(dialect: 'sqlite' | 'postgres', now: number): string[] {
  const old = now - 200 * DAY;
  const recent = now - DAY;
  const pad = dialect === 'sqlite' ? 'substr(hex(zeroblob(150)), 1, 300)' : "repeat('0', 300)";
  const series = (count: number) =>
    dialect === 'sqlite'
      ? `(WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ${count}) SELECT g FROM s)`
      : `(SELECT generate_series(1, ${count}) AS g)`;
  const test = dialect === 'sqlite' ? '0' : 'false';
  const runs = (prefix: string, count: number, status: string, at: number, finished: boolean) =>
    `INSERT INTO runs (id, flow_id, flow_version, flow_hash, status, input, output, error, parent_run_id, test,
       created_at, updated_at, finished_at, tags)
     SELECT '${prefix}' || g, 'flow-' || (g % 20), 1, 'hash', ${status},
       '{"customer_order_no":"A-' || g || '","pad":"' || ${pad} || '"}',
       ${finished ? `'{"out":{"order_state":"success","pad":"' || ${pad} || '"}}'` : 'NULL'}, NULL, NULL, ${test},
       ${at} + g, ${at} + g, ${finished ? `${at} + g` : 'NULL'}, NULL
     FROM ${series(count)} AS t`;
  const journal = (prefix: string, count: number, at: number) =>
    `INSERT INTO journal (run_id, seq, type, node_id, at, body)
     SELECT '${prefix}' || g, k, 'node.completed', 'node-' || k, ${at} + g,
       '{"output":{"out":{"pad":"' || ${pad} || '"}}}'
     FROM ${series(count)} AS t CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS j`;
  return [
    runs('old-', RUNS, "CASE WHEN g % 3 = 0 THEN 'failed' ELSE 'succeeded' END", old, true),
    journal('old-', RUNS, old),
    runs('recent-', KEPT_FINISHED, "'succeeded'", recent, true),
    journal('recent-', KEPT_FINISHED, recent),
    runs('waiting-', KEPT_WAITING, "'waiting'", old, false),
    `INSERT INTO srv_callbacks (channel, key, outcome, run_id, reason, at)
     SELECT 'orders', 'A-' || g, 'matched', 'old-' || g, NULL, ${old} + g FROM ${series(RUNS)} AS t`,
  ];
}

async function sizeOf(storage: Storage): Promise<number> {
  if (storage.db.dialect === 'sqlite') {
    // The file on disk, once the WAL is copied back into it and truncated.
    const store = storage.store as SqliteRunStore;
    store.database.pragma('wal_checkpoint(TRUNCATE)');
    const wal = `${store.path}-wal`;
    return statSync(store.path).size + (existsSync(wal) ? statSync(wal).size : 0);
  }
  const row = await storage.db.get<{ bytes: number }>(
    `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint AS bytes
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'r'`,
  );
  return Number(row?.bytes ?? 0);
}

async function once(
  open: () => Promise<Storage>,
  cleanup: (storage: Storage) => Promise<void>,
): Promise<Sample> {
  const storage = await open();
  try {
    const now = Date.now();
    for (const sql of seedSql(storage.db.dialect, now)) await storage.db.run(sql);
    if (storage.db.dialect === 'postgres') await storage.db.run('ANALYZE');
    const bytesBefore = await sizeOf(storage);
    const target = { store: storage.store, db: storage.db, settings: { ...DEFAULT_RETENTION }, policies: [] };
    const deleting = performance.now();
    const report = await purgeNow(target, { now, compact: false });
    const deleteMs = performance.now() - deleting;
    const compacting = performance.now();
    await storage.store.compact?.();
    const compactMs = performance.now() - compacting;
    const bytesAfter = await sizeOf(storage);
    const left = await storage.store.countRuns();
    const expected = { succeeded: KEPT_FINISHED, waiting: KEPT_WAITING, failed: 0 };
    if (report.runs !== RUNS || left.succeeded !== expected.succeeded || left.waiting !== expected.waiting) {
      throw new JunctionError(
        'JX_BENCH_FAILED',
        `purge deleted ${report.runs} of ${RUNS} runs and left ${JSON.stringify(left)}; expected ${JSON.stringify(expected)}`,
      );
    }
    return {
      bytesBefore,
      bytesAfter,
      deleteMs,
      compactMs,
      runs: report.runs,
      journalEntries: report.journalEntries,
      callbackLogs: report.callbackLogs,
    };
  } finally {
    await cleanup(storage);
  }
}

const sides: { name: string; open: () => Promise<Storage>; cleanup: (s: Storage) => Promise<void> }[] = [
  {
    name: 'SQLite (file, WAL)',
    open: async () => openStorage({ dataDir: mkdtempSync(join(tmpdir(), 'junction-retention-bench-')) }),
    cleanup: async (storage) => {
      const path = (storage.store as SqliteRunStore).path;
      await storage.store.close();
      rmSync(join(path, '..'), { recursive: true, force: true });
    },
  },
];
if (POSTGRES !== 'off') {
  sides.push({
    name: 'PostgreSQL',
    open: () =>
      openStorage({
        dataDir: tmpdir(),
        databaseUrl: POSTGRES,
        databaseSchema: `jx_retention_bench_${randomUUID().slice(0, 8)}`,
      }),
    cleanup: async (storage) => {
      const store = storage.store as PostgresRunStore;
      await store.pool.query(`DROP SCHEMA IF EXISTS "${store.schema}" CASCADE`);
      await store.close();
    },
  });
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const lines = [
  `Retention purge: ${RUNS.toLocaleString('en')} finished runs past their retention (4 journal entries and a callback log row each; ${KEPT_FINISHED} recent and ${KEPT_WAITING} waiting runs kept), median of ${REPEATS}`,
  '',
  '| store | size before | size after | delete (ms) | reclaim (ms) | total (ms) | runs/s deleted | journal entries | callback log rows |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
for (const side of sides) {
  const samples: Sample[] = [];
  for (let i = 0; i < REPEATS; i++) samples.push(await once(side.open, side.cleanup));
  const m = (pick: (s: Sample) => number) => median(samples.map(pick));
  const total = m((s) => s.deleteMs + s.compactMs);
  lines.push(
    `| ${side.name} | ${mib(m((s) => s.bytesBefore))} | ${mib(m((s) => s.bytesAfter))} | ${m((s) => s.deleteMs).toFixed(0)} | ${m((s) => s.compactMs).toFixed(0)} | ${total.toFixed(0)} | ${Math.round(RUNS / (m((s) => s.deleteMs) / 1000)).toLocaleString('en')} | ${m((s) => s.journalEntries)} | ${m((s) => s.callbackLogs)} |`,
  );
}
const table = `${lines.join('\n')}\n`;
process.stdout.write(table);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'retention.md'), table);
