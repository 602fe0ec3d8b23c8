import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/**
 * Everything the production bundle is built from: the editor's own sources and the runtime's, which
 * Vite bundles through `@junction/runtime/browser` (validation, errors, expression parsing).
 */
export const EDITOR_SOURCES: readonly string[] = [
  join(root, 'src'),
  join(root, 'index.html'),
  join(root, 'vite.config.ts'),
  join(root, '..', 'runtime', 'src'),
];

/** Newest modification time under `path`; test files never reach the bundle, so they do not count. */
export function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

/** True when `builtFile` is missing or older than any of `sources`. */
export function isBuildStale(builtFile: string, sources: readonly string[]): boolean {
  if (!existsSync(builtFile)) return true;
  return statSync(builtFile).mtimeMs < Math.max(...sources.map(newestSource));
}

/**
 * Vitest global setup: builds the editor when `dist/` is missing or older than its sources, so the
 * end-to-end tests always drive the code under test.
 */
export default function setup(): void {
  if (!isBuildStale(join(root, 'dist', 'index.html'), EDITOR_SOURCES)) return;
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
}
