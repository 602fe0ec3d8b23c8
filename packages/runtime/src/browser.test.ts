import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const IMPORT = /(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;
const BROWSER_SAFE_PACKAGES = new Set(['jsonata', 'ajv', 'ajv/dist/2020.js', 'ajv-formats']);

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
    expect(packages.filter((name) => !BROWSER_SAFE_PACKAGES.has(name))).toEqual([]);
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
