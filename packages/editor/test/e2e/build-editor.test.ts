// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EDITOR_SOURCES, isBuildStale } from './build-editor.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp tree with a built file and one source file, with chosen modification times (seconds). */
function tree(builtAt: number, sourceAt: number, sourceName = 'a.ts') {
  const dir = mkdtempSync(join(tmpdir(), 'jx-build-stale-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
  const built = join(dir, 'index.html');
  const source = join(dir, 'src', 'deep', sourceName);
  writeFileSync(built, '<html></html>');
  writeFileSync(source, 'export {};');
  utimesSync(built, builtAt, builtAt);
  utimesSync(source, sourceAt, sourceAt);
  return { built, sources: [join(dir, 'src')] };
}

describe('the e2e build check', () => {
  it('watches the runtime sources the editor bundles through @junction/runtime/browser', () => {
    const runtimeSrc = resolve(import.meta.dirname, '..', '..', '..', 'runtime', 'src');
    expect(EDITOR_SOURCES.map((p) => resolve(p))).toContain(runtimeSrc);
  });

  it('rebuilds when a nested source is newer than the build, not when it is older', () => {
    const stale = tree(1_000, 2_000);
    expect(isBuildStale(stale.built, stale.sources)).toBe(true);
    const fresh = tree(2_000, 1_000);
    expect(isBuildStale(fresh.built, fresh.sources)).toBe(false);
  });

  it('ignores test files, which never reach the bundle', () => {
    const onlyTest = tree(1_000, 2_000, 'a.test.ts');
    expect(isBuildStale(onlyTest.built, onlyTest.sources)).toBe(false);
  });

  it('builds when nothing was built yet', () => {
    const { sources } = tree(1_000, 500);
    expect(isBuildStale('/nonexistent/index.html', sources)).toBe(true);
  });
});
