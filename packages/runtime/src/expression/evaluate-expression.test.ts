import { afterEach, describe, expect, it } from 'vitest';
import {
  compileExpression,
  DEFAULT_EXPRESSION_LIMITS,
  evaluateExpression,
  expressionCacheSize,
  isExpression,
  JunctionError,
  setExpressionLimits,
} from '../index.ts';

const bindings = {
  nodes: {
    fetch: {
      out: {
        items: [
          { sku: 'A', price: 2 },
          { sku: 'B', price: 3 },
        ],
      },
    },
  },
  trigger: { orderNo: 'T-1' },
  vars: { currency: 'CNY' },
  run: { id: 'run-1', flowId: 'f', flowVersion: 3, startedAt: 0, test: false },
};

async function failure(promise: Promise<unknown>): Promise<JunctionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JunctionError);
  return error as JunctionError;
}

afterEach(() => setExpressionLimits(DEFAULT_EXPRESSION_LIMITS));

describe('isExpression', () => {
  it('recognises strings starting with =', () => {
    expect(isExpression('=a.b')).toBe(true);
    expect(isExpression('=')).toBe(true);
    expect(isExpression('a=b')).toBe(false);
    expect(isExpression(' =a')).toBe(false);
    expect(isExpression(5)).toBe(false);
    expect(isExpression(null)).toBe(false);
  });
});

describe('evaluateExpression', () => {
  it('reads the document and every binding', async () => {
    const result = await evaluateExpression(
      '={"sum": $sum($nodes.fetch.out.items.price), "no": $trigger.orderNo, "cur": $vars.currency, "run": $run.id, "qty": qty}',
      { qty: 4 },
      bindings,
    );
    expect(result).toEqual({ sum: 5, no: 'T-1', cur: 'CNY', run: 'run-1', qty: 4 });
  });

  it('accepts a compiled expression and a source without =', async () => {
    const compiled = compileExpression('=a + 1');
    expect(await evaluateExpression(compiled, { a: 1 })).toBe(2);
    expect(await evaluateExpression('a * 10', { a: 2 })).toBe(20);
  });

  it('binds extra names such as $item', async () => {
    expect(await evaluateExpression('=$item.sku', null, { item: { sku: 'Z' } })).toBe('Z');
  });

  it('converts results to plain JSON', async () => {
    expect(await evaluateExpression('=missing', {})).toBeNull();
    const seq = await evaluateExpression('=items.sku', { items: [{ sku: 'A' }, { sku: 'B' }] });
    expect(seq).toStrictEqual(['A', 'B']);
    expect(Object.keys(seq as object)).toEqual(['0', '1']);
    expect(await evaluateExpression('={"a": missing, "b": 1}', {})).toStrictEqual({ b: 1 });
    const input = { deep: { list: [1, 2, { x: true }] } };
    const deep = await evaluateExpression('=deep', input);
    expect(deep).toStrictEqual(input.deep);
    expect(deep).not.toBe(input.deep);
  });

  it('refuses results that are not JSON', async () => {
    const error = await failure(evaluateExpression('=function($x){$x}', {}));
    expect(error.code).toBe('JX_EXPRESSION_FAILED');
    expect(error.message).toMatch(/not JSON/);
  });

  it('reports runtime failures with the JSONata message and position', async () => {
    const error = await failure(evaluateExpression('=$foo()', {}, {}, { nodeId: 'map', pointer: '/body/x' }));
    expect(error.code).toBe('JX_EXPRESSION_FAILED');
    expect(error.details).toMatchObject({
      nodeId: 'map',
      pointer: '/body/x',
      position: 5,
      jsonataCode: 'T1006',
    });
    expect(error.message).toContain('node map');
    expect(error.message).toContain('/body/x');
    expect(error.message).toContain('non-function');
  });

  it('reports syntax errors as JX_EXPRESSION_SYNTAX', async () => {
    const error = await failure(evaluateExpression('=a.b +', {}, {}, { nodeId: 'n1', pointer: '/x' }));
    expect(error.code).toBe('JX_EXPRESSION_SYNTAX');
    expect(error.details).toMatchObject({ nodeId: 'n1', pointer: '/x', position: 5, jsonataCode: 'S0207' });
    expect(() => compileExpression('=')).toThrow(/empty/);
  });

  it('refuses bindings that could carry secrets', async () => {
    for (const name of ['credentials', 'secrets', 'appSecret', 'apiKey', 'password']) {
      const error = await failure(evaluateExpression('=1', {}, { [name]: 'x' }));
      expect(error.code).toBe('JX_EXPRESSION_BINDING');
    }
  });

  it('cannot reach JavaScript internals through the data', async () => {
    expect(await evaluateExpression('=a.constructor', { a: {} })).toBeNull();
    const error = await failure(
      evaluateExpression('=($f := $lookup($lookup($, "constructor"), "constructor"); $f("return 1")())', {}),
    );
    expect(error.code).toBe('JX_EXPRESSION_FAILED');
  });
});

describe('expression limits', () => {
  it('bounds huge ranges', async () => {
    const error = await failure(evaluateExpression('=$sum([1..1e9])', {}));
    expect(error.code).toBe('JX_EXPRESSION_FAILED');
    expect(error.details.jsonataCode).toMatch(/D201[45]/);
    setExpressionLimits({ maxSequence: 1000 });
    const capped = await failure(evaluateExpression('=$sum([1..5000])', {}));
    expect(capped.details.jsonataCode).toBe('D2015');
  });

  it('times out endless loops', async () => {
    setExpressionLimits({ timeoutMs: 50 });
    const error = await failure(evaluateExpression('=($f := function($x){$f($x + 1)}; $f(1))', {}));
    expect(error.details.jsonataCode).toBe('D1012');
  });

  it('stops runaway recursion', async () => {
    setExpressionLimits({ maxDepth: 50 });
    const error = await failure(evaluateExpression('=($f := function($x){1 + $f($x + 1)}; $f(1))', {}));
    expect(error.details.jsonataCode).toBe('D1011');
  });
});

describe('compile cache', () => {
  it('compiles each source once and stays bounded', () => {
    setExpressionLimits({ cacheSize: 3 });
    const first = compileExpression('=a');
    expect(compileExpression('a')).toBe(first);
    const b = compileExpression('=b');
    const c = compileExpression('=c');
    expect(compileExpression('=a')).toBe(first);
    compileExpression('=d');
    expect(expressionCacheSize()).toBe(3);
    // `b` was the least recently used entry, so it was evicted and compiles anew (evicting `c`).
    expect(compileExpression('=b')).not.toBe(b);
    expect(compileExpression('=a')).toBe(first);
    expect(compileExpression('=c')).not.toBe(c);
  });
});

describe('evaluateExpression: results are copies', () => {
  it('never returns a bound object itself, so recording the result cannot make $nodes circular', async () => {
    const nodes: Record<string, Record<string, unknown>> = { a: { out: { items: [1, 2] } } };
    const result = (await evaluateExpression('=$nodes', null, { nodes: nodes as never })) as Record<
      string,
      unknown
    >;
    expect(result).toEqual({ a: { out: { items: [1, 2] } } });
    expect(result).not.toBe(nodes);
    expect(result.a).not.toBe(nodes.a);
    nodes.b = { out: result };
    expect(() => JSON.stringify(nodes)).not.toThrow();
  });

  it('copies the document too, and keeps a "__proto__" key as data', async () => {
    const document = JSON.parse('{"list":[{"x":1}],"__proto__":{"polluted":true}}') as object;
    const result = (await evaluateExpression('=$', document)) as Record<string, unknown>;
    expect(result).not.toBe(document);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(JSON.stringify(result)).toBe('{"list":[{"x":1}],"__proto__":{"polluted":true}}');
  });
});
