#!/usr/bin/env node
// `pnpm build`: compiles every package a server process loads (runtime, sandbox, nodes, server,
// examples, and the quick-start scripts) from src/ to dist/ — JavaScript plus declaration files, by
// tsc with each package's tsconfig.build.json — and bundles the editor with Vite. A target is built
// only when its dist/ is missing or older than its sources (`--force` builds all). `--no-editor`
// leaves the editor out. Two builds never write the same dist/ at once: a lock directory serialises
// them (`pnpm start` and the build test may run side by side).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const STAMP = '.build-stamp';
const SHARED_INPUTS = ['tsconfig.base.json', 'tsconfig.build-base.json'];
const LOCK = join(ROOT, 'node_modules', '.junction-build-lock');
const LOCK_STALE_MS = 10 * 60_000;

/**
 * What `pnpm build` compiles, in dependency order (each target's tsc reads the declarations of the
 * ones before it). `assets` are files under src/ that tsc does not emit but the code loads at run time.
 */
export const TS_TARGETS = [
  { name: '@junction/runtime', dir: 'packages/runtime', sources: ['src'] },
  { name: '@junction/sandbox', dir: 'packages/sandbox', sources: ['src'] },
  { name: '@junction/nodes', dir: 'packages/nodes', sources: ['src'], assets: ['code/code-worker.mjs'] },
  { name: '@junction/server', dir: 'packages/server', sources: ['src'] },
  { name: '@junction/examples', dir: 'examples', sources: ['src'] },
  {
    name: 'quick-start scripts',
    dir: 'scripts',
    sources: ['start-junction.ts', 'start-cluster.ts', 'quick-start-banner.ts'],
  },
];

/** The editor bundle: Vite, from the editor's sources and the runtime's browser entry. */
const EDITOR = {
  name: '@junction/editor',
  dir: 'packages/editor',
  built: 'dist/index.html',
  sources: ['src', 'index.html', 'vite.config.ts', '../runtime/src'],
};

/** Newest modification time under `path`, tests excluded (0 when it does not exist). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  let latest = 0;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

function builtAt(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

/** True when the target's dist/ is missing or older than anything it is built from. */
export function isStale(target) {
  const dir = join(ROOT, target.dir);
  const inputs = [
    ...target.sources.map((source) => join(dir, source)),
    join(dir, 'package.json'),
    join(dir, 'tsconfig.build.json'),
    ...SHARED_INPUTS.map((file) => join(ROOT, file)),
  ];
  const stamp = builtAt(join(dir, target.built ?? join('dist', STAMP)));
  return stamp === 0 || stamp < Math.max(...inputs.map(newest));
}

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`JX_BUILD_FAILED: \`${[command, ...args].join(' ')}\` exited with ${result.status}`);
  }
}

function buildTypeScript(target) {
  const dir = join(ROOT, target.dir);
  const dist = join(dir, 'dist');
  // From scratch, so files whose source was deleted do not linger in dist/.
  rmSync(dist, { recursive: true, force: true });
  run(process.execPath, [TSC, '-p', join(dir, 'tsconfig.build.json')], { cwd: dir });
  for (const asset of target.assets ?? []) cpSync(join(dir, 'src', asset), join(dist, asset));
  writeFileSync(join(dist, STAMP), `${new Date().toISOString()}\n`);
}

function buildEditor() {
  const dir = join(ROOT, EDITOR.dir);
  // Always a production bundle, even when started from a test runner that sets NODE_ENV=test.
  run(
    process.execPath,
    [join(dir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: dir,
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `work` holding the build lock; waits while another build holds it. */
function withLock(work) {
  mkdirSync(dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A build that died without cleaning up leaves the lock behind; it is void after a while.
      if (Date.now() - builtAt(LOCK) > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      else sleep(200);
    }
  }
  try {
    return work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds every stale target (all with `force`), the editor too unless `editor` is false. Returns the
 * names of what it built. Throws `JX_BUILD_FAILED` when a compiler exits with an error.
 */
export function build({ force = false, editor = true, log = console.log } = {}) {
  return withLock(() => {
    const built = [];
    for (const target of TS_TARGETS) {
      // Staleness is judged under the lock: a build that just finished may have made it fresh.
      if (!force && !isStale(target)) continue;
      log(`Building ${target.name}…`);
      buildTypeScript(target);
      built.push(target.name);
    }
    if (editor && (force || isStale(EDITOR))) {
      log(`Building ${EDITOR.name}…`);
      buildEditor();
      built.push(EDITOR.name);
    }
    return built;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => !['--force', '--no-editor'].includes(arg));
  if (unknown.length) {
    console.error(`JX_BUILD_USAGE: unknown option ${unknown.join(' ')}; use --force and/or --no-editor`);
    process.exit(2);
  }
  try {
    const started = Date.now();
    const built = build({ force: args.includes('--force'), editor: !args.includes('--no-editor') });
    console.log(
      built.length
        ? `Built ${built.length} target(s) in ${((Date.now() - started) / 1000).toFixed(1)} s.`
        : 'Everything is up to date.',
    );
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
