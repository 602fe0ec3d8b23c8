import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type FlowDocument, hashFlow, JunctionError, parseFlow, serializeFlow } from '../index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const full = JSON.parse(readFileSync(join(here, '../../test/fixtures/validation/valid-full.json'), 'utf8'))
  .flow as FlowDocument;

/** The same document with every object's keys in reverse order. */
function shuffled<T>(value: T): T {
  if (Array.isArray(value)) return value.map(shuffled) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, shuffled(v)]),
  ) as T;
}

function thrown(fn: () => unknown): JunctionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(JunctionError);
    return error as JunctionError;
  }
  throw new Error('expected a JunctionError');
}

describe('serializeFlow', () => {
  it('is pretty-printed with two spaces and a trailing newline', () => {
    const text = serializeFlow(full);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 1,');
  });

  it('round-trips: parse(serialize(x)) equals x and re-serialising is byte-identical', () => {
    const text = serializeFlow(full);
    const parsed = parseFlow(text);
    expect(parsed).toEqual(full);
    expect(serializeFlow(parsed)).toBe(text);
  });

  it('gives the same bytes whatever the key order', () => {
    expect(serializeFlow(shuffled(full))).toBe(serializeFlow(full));
    expect(hashFlow(shuffled(full))).toBe(hashFlow(full));
    expect(hashFlow(full)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('orders known keys canonically and sorts free-form keys', () => {
    const text = serializeFlow(shuffled(full));
    const top = Object.keys(JSON.parse(text));
    expect(top).toEqual([
      'schemaVersion',
      'id',
      'name',
      'description',
      'nodes',
      'edges',
      'settings',
      'annotations',
    ]);
    const node = JSON.parse(text).nodes[1];
    expect(Object.keys(node)).toEqual(
      [
        'id',
        'type',
        'typeVersion',
        'name',
        'position',
        'config',
        'credentials',
        'retry',
        'timeoutMs',
        'expressionLimits',
        'onError',
        'disabled',
        'notes',
      ].filter((key) => key in node),
    );
    expect(Object.keys(node.config)).toEqual(['amount', 'body', 'method', 'url']);
    expect(Object.keys(node.retry)).toEqual(['maxAttempts', 'backoff', 'delayMs', 'jitter', 'maxDelayMs']);
    expect(Object.keys(JSON.parse(text).edges[0])).toEqual(['id', 'source', 'target']);
    expect(Object.keys(JSON.parse(text).edges[0].source)).toEqual(['node', 'port']);
  });

  it('changes the hash when the document changes', () => {
    const moved = { ...full, nodes: full.nodes.map((n, i) => (i ? n : { ...n, position: { x: 1, y: 2 } })) };
    expect(hashFlow(moved)).not.toBe(hashFlow(full));
  });
});

describe('parseFlow', () => {
  it('rejects text that is not JSON', () => {
    const error = thrown(() => parseFlow('{"schemaVersion": 1,'));
    expect(error.code).toBe('JX_FLOW_INVALID');
    expect((error.details.problems as { code: string }[])[0]?.code).toBe('JX_JSON');
  });

  it('lists every schema problem', () => {
    const error = thrown(() => parseFlow({ ...full, id: 'bad id', schemaVersion: 2, extra: true }));
    expect(error.code).toBe('JX_FLOW_INVALID');
    const problems = error.details.problems as { code: string; pointer: string }[];
    expect(problems.map((p) => p.pointer).sort()).toEqual(['/extra', '/id', '/schemaVersion']);
    expect(error.message).toMatch(/and 2 more problems/);
  });
});
