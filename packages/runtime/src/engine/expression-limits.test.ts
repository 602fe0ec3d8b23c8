import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_EXPRESSION_LIMITS } from '../expression/compile-expression.ts';
import { evaluateExpression } from '../expression/evaluate-expression.ts';
import { lowerLimits } from '../expression/lower-limits.ts';
import type { FlowDocument, NodeExpressionLimits } from '../flow/flow-types.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createEngine } from './create-engine.ts';
import { fixture, testRegistry } from './engine-test-kit.ts';
import type { Engine, EngineOptions } from './engine-types.ts';

// Expression limits set per engine (the server's flags) and lowered per node. The fixture maps
// `$sum([1..n].($ * 2))`, whose cost grows with n; the assertions are about outcomes and codes,
// never about how long anything took.

const RUNAWAY = '=($f := function($x){ $f($x + 1) }; $f(1))';
const MAX_SEQUENCE = DEFAULT_EXPRESSION_LIMITS.maxSequence;

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

function engineWith(expressionLimits?: EngineOptions['expressionLimits']): Engine {
  const engine = createEngine({
    store: createMemoryStore(),
    registry: testRegistry(),
    ...(expressionLimits ? { expressionLimits } : {}),
  });
  engines.push(engine);
  return engine;
}

function flowWith(value: string, expressionLimits?: NodeExpressionLimits): FlowDocument {
  const flow = fixture('expression-limits');
  const map = flow.nodes[1]!;
  map.config.value = value;
  if (expressionLimits) map.expressionLimits = expressionLimits;
  return flow;
}

/** The n for which the fixture's expression evaluates for about `targetMs` on this machine now. */
async function sizeFor(targetMs: number): Promise<number> {
  const sample = 50_000;
  const began = performance.now();
  await evaluateExpression(`=$sum([1..${sample}].($ * 2))`, {}, {}, {}, { ...DEFAULT_EXPRESSION_LIMITS });
  const perItem = Math.max((performance.now() - began) / sample, 1e-4);
  return Math.min(Math.round(targetMs / perItem), MAX_SEQUENCE);
}

describe('expression limits per engine and per node', () => {
  it('raised to 3 s, an expression of about 1.5 s succeeds; a node lowering it to 100 ms fails it, coded', async () => {
    const n = await sizeFor(1500);
    const engine = engineWith({ timeoutMs: 3000 });
    const raised = await (await engine.start(flowWith('=$sum([1..$.n].($ * 2))'), { input: { n } })).done;
    expect(raised.status).toBe('succeeded');
    expect(JSON.stringify(raised.output)).toContain(String(n * (n + 1)));

    const lowered = flowWith('=$sum([1..$.n].($ * 2))', { timeoutMs: 100 });
    const refused = await (await engine.start(lowered, { input: { n } })).done;
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatchObject({
      code: 'JX_EXPRESSION_FAILED',
      details: { nodeId: 'map', pointer: '/value', jsonataCode: 'D1012' },
    });
    expect(refused.error?.message).toContain('node map');
  });

  it('a runaway expression under a node limit of 100 ms fails coded, naming the node', async () => {
    const engine = engineWith();
    const result = await (await engine.start(flowWith(RUNAWAY, { timeoutMs: 100 }), { input: {} })).done;
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('JX_EXPRESSION_FAILED');
    expect(result.error?.details).toMatchObject({ nodeId: 'map', jsonataCode: 'D1012' });
  });

  it('depth and sequence limits are the engine’s too, and a node may lower them', async () => {
    const engine = engineWith({ maxSequence: 1000 });
    const capped = await (await engine.start(flowWith('=$sum([1..$.n])'), { input: { n: 5000 } })).done;
    expect(capped.error?.details).toMatchObject({
      nodeId: 'map',
      jsonataCode: expect.stringMatching(/^D201[45]$/),
    });
    const deep = flowWith('=($f := function($x){ 1 + $f($x + 1) }; $f(1))', { maxDepth: 20 });
    const stopped = await (await engine.start(deep, { input: {} })).done;
    expect(stopped.error?.details).toMatchObject({ nodeId: 'map', jsonataCode: 'D1011' });
  });

  it('counts an evaluation’s own time, not the time it queued behind other runs’ expressions', async () => {
    // Eight runs of ~250 ms under a 1 s limit: side by side, each would take ~2 s of wall time.
    const n = await sizeFor(250);
    const engine = engineWith({ timeoutMs: 1000 });
    const handles = await Promise.all(
      Array.from({ length: 8 }, () => engine.start(flowWith('=$sum([1..$.n].($ * 2))'), { input: { n } })),
    );
    const results = await Promise.all(handles.map((handle) => handle.done));
    expect(results.map((result) => result.error?.code ?? result.status)).toEqual(
      Array.from({ length: 8 }, () => 'succeeded'),
    );
  });
});

describe('lowerLimits', () => {
  const base = Object.freeze({ timeoutMs: 1000, maxDepth: 500, maxSequence: 1_000_000 });

  it('takes a node’s value only where it is lower: a node never raises the server’s limits', () => {
    expect(lowerLimits(base, { timeoutMs: 100, maxDepth: 9000 })).toEqual({
      timeoutMs: 100,
      maxDepth: 500,
      maxSequence: 1_000_000,
    });
    const overrides = { timeoutMs: 60_000 };
    expect(lowerLimits(base, overrides)).toBe(base);
    expect(lowerLimits(base, undefined)).toBe(base);
  });

  it('gives the same object for the same node, so compiled plans stay cached', () => {
    const overrides = { maxSequence: 10 };
    expect(lowerLimits(base, overrides)).toBe(lowerLimits(base, overrides));
  });
});
