import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBuiltinRegistry, secretVariants } from '@junction/nodes';
import type { FlowDocument } from '@junction/runtime';
import {
  type CaseEnvironment,
  type FlowTestFile,
  parseTestFile,
  runTestFile,
  runTests,
} from '@junction/server';
import { describe, expect, it } from 'vitest';

// The example flows' test files (`<flow>.tests.json`), run by the runner `junction test` uses: on the
// production engine and node types, the supplier's nodes mocked, under virtual time.
const here = dirname(fileURLToPath(import.meta.url));
const FLOWS = ['order-card', 'top-up', 'sync-products'] as const;
const env: CaseEnvironment = { registry: createBuiltinRegistry(), secretVariants };
const read = <T>(name: string): T => JSON.parse(readFileSync(join(here, name), 'utf8')) as T;
const BIN = fileURLToPath(new URL('../../packages/server/bin/junction.mjs', import.meta.url));

/** Each mutation removes one edge: the flow as it would be with one connection lost in an edit. */
function withoutEdge(flow: FlowDocument, edgeId: string): FlowDocument {
  return { ...flow, edges: flow.edges.filter((edge) => edge.id !== edgeId) };
}

describe.each(FLOWS)('%s.tests.json', (name) => {
  const flow = read<FlowDocument>(`${name}.json`);
  const tests = parseTestFile(read<FlowTestFile>(`${name}.tests.json`), `${name}.tests.json`, flow);

  it('passes every case', async () => {
    const result = await runTestFile(join(here, `${name}.tests.json`), env);
    const failing = result.cases.filter((c) => !c.passed).map((c) => [c.name, c.failures]);
    expect(failing).toEqual([]);
    expect(result.cases.length).toBe(tests.cases.length);
  });

  it('has no case that passes whatever the flow does: each fails once some edge of the flow is removed', async () => {
    const killed = new Set<string>();
    for (const edge of flow.edges) {
      const result = await runTests(withoutEdge(flow, edge.id), tests, env, name);
      for (const c of result.cases) if (!c.passed) killed.add(c.name);
      if (killed.size === tests.cases.length) break;
    }
    expect(tests.cases.map((c) => c.name).filter((n) => !killed.has(n))).toEqual([]);
  }, 300_000);
});

describe('the failure paths each flow has', () => {
  /** Nodes ending the run with an error or an answer other than success, that some case must reach. */
  const failureNodes = (flow: FlowDocument) =>
    flow.nodes.filter((n) => n.type === 'flow.fail' || n.type === 'flow.poll').map((n) => n.id);

  it.each(FLOWS.slice(0, 2))('%s: every flow.fail node and the poll are reached by a case', (name) => {
    const flow = read<FlowDocument>(`${name}.json`);
    const tests = read<FlowTestFile>(`${name}.tests.json`);
    const reached = new Set(tests.cases.flatMap((c) => c.expect.ran ?? []));
    expect(failureNodes(flow).filter((id) => !reached.has(id))).toEqual([]);
  });
});

describe('junction test (the CLI binary)', () => {
  it('runs the three files, exits 0 and writes JUnit XML with every case', () => {
    const dir = mkdtempSync(join(tmpdir(), 'junction-example-tests-'));
    try {
      const junit = join(dir, 'junit.xml');
      const files = FLOWS.map((name) => join(here, `${name}.tests.json`));
      const cli = spawnSync(
        process.execPath,
        ['--conditions=development', BIN, 'test', ...files, '--junit', junit],
        {
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      expect(cli.stderr).toBe('');
      expect(cli.status, cli.stdout).toBe(0);
      const total = FLOWS.reduce((n, name) => n + read<FlowTestFile>(`${name}.tests.json`).cases.length, 0);
      expect(cli.stdout).toContain(`${total} cases: ${total} passed, 0 failed`);
      const xml = readFileSync(junit, 'utf8');
      expect(xml).toContain(`<testsuites name="junction flow tests" tests="${total}" failures="0">`);
      expect(xml).toContain(
        '<testcase classname="order-card" name="insufficient balance: the supplier refuses the order, 502 and not retried"',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
