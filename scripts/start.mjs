#!/usr/bin/env node
// `pnpm start`: builds the editor when its build is missing or older than its sources, then starts
// Junction with the card-platform sandbox and the example flows (scripts/start-junction.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const editor = 'packages/editor';

/** Newest modification time of any file under `dir` (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const built = join(editor, 'dist/index.html');
const sources = Math.max(
  newest(join(editor, 'src')),
  newest('packages/runtime/src'),
  statSync(join(editor, 'index.html')).mtimeMs,
);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('Building the editor…');
  // Always a production build, even when started from a test runner that sets NODE_ENV=test.
  const build = spawnSync('pnpm', ['--filter', '@junction/editor', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const start = spawnSync('pnpm', ['exec', 'tsx', 'scripts/start-junction.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(start.status ?? 1);
