import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestRegistry } from '../../test/fixtures/validation/test-registry.ts';
import { VALIDATION_CODES, type ValidationProblem, validateFlow } from '../index.ts';

interface ExpectedProblem {
  code: string;
  pointer: string;
  nodeId?: string;
  edgeId?: string;
  /** A substring the message must contain. */
  message?: string;
}

interface Fixture {
  description: string;
  credentials?: Record<string, string>;
  expect: ExpectedProblem[];
  flow: unknown;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/validation');
const fixtures = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({ file, ...(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Fixture) }));
const registry = createTestRegistry();

function run(fixture: Fixture): ValidationProblem[] {
  const kinds = fixture.credentials;
  return validateFlow(fixture.flow, registry, kinds ? { credentialKind: (id) => kinds[id] } : {});
}

const byPointer = (a: { code: string; pointer: string }, b: { code: string; pointer: string }) =>
  a.pointer.localeCompare(b.pointer) || a.code.localeCompare(b.code);

describe('validateFlow fixtures', () => {
  it.each(fixtures)('$file: $description', (fixture) => {
    const problems = run(fixture);
    const actual = problems.map(({ code, pointer }) => ({ code, pointer })).sort(byPointer);
    const wanted = fixture.expect.map(({ code, pointer }) => ({ code, pointer })).sort(byPointer);
    expect(actual).toEqual(wanted);
    for (const expected of fixture.expect) {
      const problem = problems.find((p) => p.code === expected.code && p.pointer === expected.pointer);
      if (expected.nodeId !== undefined) expect(problem?.nodeId).toBe(expected.nodeId);
      if (expected.edgeId !== undefined) expect(problem?.edgeId).toBe(expected.edgeId);
      if (expected.message !== undefined) expect(problem?.message).toContain(expected.message);
    }
    for (const problem of problems) {
      expect(problem.message).toMatch(/^[A-Z].*\.$/s);
      expect(problem.pointer === '' || problem.pointer.startsWith('/')).toBe(true);
    }
  });

  it('covers every problem code with at least one fixture', () => {
    const covered = new Set(fixtures.flatMap((fixture) => fixture.expect.map((p) => p.code)));
    expect(VALIDATION_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });

  it('reports all problems of a flow with several at once', () => {
    const fixture = fixtures.find((f) => f.file === 'several-problems.json') as Fixture;
    const codes = new Set(run(fixture).map((problem) => problem.code));
    expect(codes.size).toBeGreaterThanOrEqual(9);
  });
});

describe('validateFlow on unusable input', () => {
  it.each([null, 42, 'flow', [], {}])('never throws on %j', (input) => {
    const problems = validateFlow(input, registry);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'JX_SCHEMA')).toBe(true);
  });

  it('does not report a missing trigger while a node type is unknown', () => {
    const flow = {
      schemaVersion: 1,
      id: 'f',
      name: 'F',
      nodes: [{ id: 'x', type: 'vendor.trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} }],
      edges: [],
    };
    expect(validateFlow(flow, registry).map((p) => p.code)).toEqual(['JX_UNKNOWN_NODE_TYPE']);
  });

  it('finds a cycle in a long chain without overflowing the stack', () => {
    const count = 20_000;
    const nodes = Array.from({ length: count }, (_, i) => ({
      id: `n${i}`,
      type: i === 0 ? 'test.trigger' : 'test.map',
      typeVersion: 1,
      position: { x: i, y: 0 },
      config: {},
    }));
    const edges = nodes.slice(1).map((node, i) => ({
      id: `e${i}`,
      source: { node: `n${i}`, port: 'out' },
      target: { node: node.id, port: 'in' },
    }));
    edges.push({
      id: 'back',
      source: { node: `n${count - 1}`, port: 'out' },
      target: { node: 'n1', port: 'in' },
    });
    const problems = validateFlow({ schemaVersion: 1, id: 'long', name: 'Long', nodes, edges }, registry);
    expect(problems.map((p) => p.code)).toEqual(['JX_CYCLE']);
    expect(problems[0]?.message).toContain(`n1 → n2 → n3`);
  });
});
