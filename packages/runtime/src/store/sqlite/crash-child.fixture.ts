// Child process for the SQLite crash test: writes, says so, then stays busy until it is killed.
import { createSqliteStore } from '../../index.ts';

const [path, mode] = process.argv.slice(2);
const store = createSqliteStore({ path: path ?? '' });
const now = Date.now();
await store.createRun({
  id: 'crashed',
  flowId: 'f',
  flowVersion: 1,
  flowHash: 'h',
  status: 'running',
  input: { order: 1 },
  test: false,
  createdAt: now,
  updatedAt: now,
});
await store.acquireLease('crashed', 'child', now, 60_000);
await store.appendJournal([{ runId: 'crashed', seq: 1, type: 'run.started', at: now }]);
await store.flush();
if (mode === 'hold-lock') {
  // Killed while holding the write lock: the next process must not stay locked out.
  store.database.exec('BEGIN IMMEDIATE');
  store.database.prepare("INSERT INTO kv (namespace, key, value) VALUES ('x', 'uncommitted', '1')").run();
}
process.stdout.write('ready\n');
setInterval(() => undefined, 1_000);
