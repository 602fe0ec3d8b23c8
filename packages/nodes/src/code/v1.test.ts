import type { Json, NodeOutputs } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../testing/create-test-context.ts';
import { type CodeJsConfig, codeJsNode } from './v1.ts';

async function run(code: string, input: Json = null, extra: Partial<CodeJsConfig> = {}): Promise<Json> {
  const { ctx } = createTestContext<CodeJsConfig>({ config: { code, ...extra }, input });
  return ((await codeJsNode.run(ctx)) as NodeOutputs).out ?? null;
}

describe('code.js', () => {
  it('returns JSON computed from the input', async () => {
    const code = 'return input.items.map((item) => ({ sku: item.id, total: item.qty * 2 }));';
    expect(await run(code, { items: [{ id: 'a', qty: 2 }] })).toEqual([{ sku: 'a', total: 4 }]);
  });

  it('binds run info and turns undefined into null', async () => {
    expect(await run('return run.id;')).toBe('run-test');
    expect(await run('const x = 1;')).toBeNull();
    expect(await run('return { keep: 1, drop: undefined, fn() {} };')).toEqual({ keep: 1 });
  });

  it('binds flow variables through the engine', async () => {
    const { ctx } = createTestContext<CodeJsConfig>({
      config: { code: 'return vars.region;' },
      evaluate: async () => ({ region: 'eu' }),
    });
    expect(await codeJsNode.run(ctx)).toEqual({ out: 'eu' });
  });

  it('awaits a returned promise', async () => {
    expect(await run('return (async () => { const v = await Promise.resolve(2); return v * 3; })();')).toBe(
      6,
    );
    await expect(run('return new Promise(() => {});')).rejects.toMatchObject({ code: 'JX_CODE_ERROR' });
    await expect(run('return Promise.reject(new TypeError("nope"));')).rejects.toMatchObject({
      code: 'JX_CODE_ERROR',
      message: expect.stringContaining('TypeError: nope'),
    });
  });

  it('reports the user line of a runtime error', async () => {
    await expect(run('const a = 1;\nconst b = 2;\nreturn x + a;')).rejects.toMatchObject({
      code: 'JX_CODE_ERROR',
      message: "line 3: ReferenceError: 'x' is not defined",
      details: { line: 3 },
    });
    await expect(run('\n\nthrow new Error("boom");')).rejects.toMatchObject({ message: 'line 3: boom' });
    await expect(run('throw "plain";')).rejects.toMatchObject({ code: 'JX_CODE_ERROR', message: 'plain' });
  });

  it('reports the user line of a syntax error', async () => {
    await expect(run('const a = 1;\nconst b = ;')).rejects.toMatchObject({
      code: 'JX_CODE_ERROR',
      message: expect.stringMatching(/^line 2: SyntaxError: /),
    });
  });

  it('stops endless loops with JX_CODE_TIMEOUT', async () => {
    await expect(run('while (true) {}', null, { timeoutMs: 50 })).rejects.toMatchObject({
      code: 'JX_CODE_TIMEOUT',
    });
  });

  it('stops memory hogs with JX_CODE_MEMORY', async () => {
    const hog = 'const s = "x".repeat(1 << 20); const a = []; while (true) a.push(s + a.length);';
    await expect(run(hog, null, { memoryLimitMb: 8, timeoutMs: 2_000 })).rejects.toMatchObject({
      code: 'JX_CODE_MEMORY',
    });
  });

  it('has no host access', async () => {
    const probe =
      'return [typeof require, typeof process, typeof fetch, typeof setTimeout, typeof XMLHttpRequest, typeof std, typeof os];';
    expect(await run(probe)).toEqual(Array(7).fill('undefined'));
  });

  it('keeps the input read-only and runs start fresh', async () => {
    await expect(run('"use strict"; input.a = 2; return input;', { a: 1 })).rejects.toMatchObject({
      code: 'JX_CODE_ERROR',
    });
    await run('globalThis.leak = 1; return 1;');
    expect(await run('return typeof globalThis.leak;')).toBe('undefined');
  });
});
