import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const IMPORT = /(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;
const BROWSER_SAFE_PACKAGES = new Set(['jsonata', 'ajv', 'ajv-formats']);
const DRIVERS = ['better-sqlite3', 'pg'];

/** `ajv/dist/2020.js` → `ajv`, `@scope/name/x` → `@scope/name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** Every module specifier reachable from `entry` through relative imports. */
function reachableImports(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2]) as string;
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  }
  return { files: [...files], packages: [...packages] };
}

describe('browser entry', () => {
  it('reaches no node:* module and no native driver', () => {
    const { files, packages } = reachableImports(resolve(here, 'browser.ts'));
    expect(files.length).toBeGreaterThan(5);
    expect(packages.filter((name) => !BROWSER_SAFE_PACKAGES.has(packageName(name)))).toEqual([]);
    expect(packages.map(packageName).filter((name) => DRIVERS.includes(name))).toEqual([]);
  });

  it('declares the database drivers optional, so a browser consumer need not install them', () => {
    const manifest = JSON.parse(readFileSync(resolve(here, '../package.json'), 'utf8'));
    for (const driver of DRIVERS) {
      expect(manifest.dependencies?.[driver]).toBeUndefined();
      expect(manifest.optionalDependencies?.[driver]).toBeDefined();
    }
  });

  it('loads in a process where better-sqlite3 and pg cannot be found; the stores say what to install', async () => {
    const script = `
      const browser = await import('@junction/runtime/browser');
      const runtime = await import('@junction/runtime');
      const codeOf = (open) => { try { open(); } catch (error) { return error.code; } };
      console.log(JSON.stringify({
        browser: typeof browser.validateFlow,
        main: typeof runtime.createEngine,
        sqlite: codeOf(() => runtime.createSqliteStore({ path: ':memory:' })),
        postgres: codeOf(() => runtime.createPostgresStore({ connectionString: 'postgres://127.0.0.1:1/x' })),
      }));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=development',
        '--import',
        'tsx',
        '--import',
        resolve(here, 'without-drivers.fixture.mjs'),
        '--input-type=module',
        '--eval',
        script,
      ],
      { cwd: here },
    );
    expect(JSON.parse(stdout)).toEqual({
      browser: 'function',
      main: 'function',
      sqlite: 'JX_STORE_DRIVER_MISSING',
      postgres: 'JX_STORE_DRIVER_MISSING',
    });
  });

  it('loads and works', async () => {
    const browser = await import('./browser.ts');
    expect(browser.isExpression('=a')).toBe(true);
    expect(await browser.evaluateExpression('=a + 1', { a: 1 })).toBe(2);
    const flow = browser.parseFlow('{"schemaVersion":1,"id":"f","name":"F","nodes":[],"edges":[]}');
    expect(browser.serializeFlow(flow)).toContain('"schemaVersion": 1');
    expect(browser.validateFlow(flow, new browser.NodeRegistry()).map((p) => p.code)).toEqual([
      'JX_NO_TRIGGER',
    ]);
    expect(browser.flowSchema.$id).toBe(browser.FLOW_SCHEMA_ID);
  });
});
