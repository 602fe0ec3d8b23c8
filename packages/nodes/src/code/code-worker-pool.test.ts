import type { Json } from '@junction/runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CodeWorkerPool, createCodeWorkerPool } from './code-worker-pool.ts';
import { type CodeLimits, runUserCode } from './run-user-code.ts';

const BINDINGS = { input: null, vars: {}, run: {} };
const DEFAULT_LIMITS: CodeLimits = { timeoutMs: 1_000, memoryMb: 32 };
/** Worker start-up on a busy 2-core machine can take a while: the limits below are what is tested. */
const SLOW = 60_000;

let pool: CodeWorkerPool;
afterEach(async () => pool?.close());

function run(code: string, limits: Partial<CodeLimits> = {}, signal?: AbortSignal): Promise<Json> {
  return runUserCode(code, BINDINGS, { ...DEFAULT_LIMITS, ...limits }, { nodeId: 'hostile', pool, signal });
}

/** Resolves once the thread that ran the hostile code has exited (it is no longer alive). */
async function workerTerminated(): Promise<void> {
  await vi.waitFor(() => expect(pool.stats().alive).toBe(0), { timeout: 10_000, interval: 20 });
}

describe('code worker pool', () => {
  it(
    'stops while(true){} by the wall clock, terminates its worker and starts a fresh one for the next run',
    async () => {
      pool = createCodeWorkerPool({ size: 1 });
      await expect(run('while (true) {}')).rejects.toMatchObject({
        code: 'JX_CODE_TIMEOUT',
        message: expect.stringContaining('1000 ms time limit'),
        details: { nodeId: 'hostile', timeoutMs: 1_000 },
      });
      await workerTerminated();
      expect(await run('return 1 + 1;')).toBe(2);
      expect(pool.stats()).toMatchObject({ alive: 1, idle: 1, started: 2 });
    },
    SLOW,
  );

  it(
    'terminates the code of an aborted run',
    async () => {
      pool = createCodeWorkerPool({ size: 1 });
      expect(await run('return "warm";')).toBe('warm');
      const controller = new AbortController();
      const hostile = run('while (true) {}', { timeoutMs: 30_000 }, controller.signal);
      // The idle worker takes the run at once; the abort lands while the loop runs.
      setTimeout(() => controller.abort(), 100);
      await expect(hostile).rejects.toMatchObject({ code: 'JX_CODE_CANCELLED' });
      await workerTerminated();
      expect(pool.stats().started).toBe(1);
    },
    SLOW,
  );

  it(
    'reuses a worker after ordinary endings, including the user code throwing',
    async () => {
      pool = createCodeWorkerPool({ size: 1 });
      expect(await run('return 1;')).toBe(1);
      await expect(run('throw new Error("mine");')).rejects.toMatchObject({ code: 'JX_CODE_ERROR' });
      expect(await run('return 2;')).toBe(2);
      expect(pool.stats()).toMatchObject({ alive: 1, started: 1 });
    },
    SLOW,
  );

  it.each([
    ['an array of 1 MB strings', 'const a = []; while (true) a.push("x".repeat(1e6));'],
    ['string concatenation', 'let s = ""; while (true) s += "x".repeat(1e6);'],
    ['an array of objects', 'const a = []; while (true) a.push({ n: a.length });'],
  ])(
    'stops %s at the default 32 MB with JX_CODE_MEMORY and discards the worker',
    async (_name, code) => {
      pool = createCodeWorkerPool({ size: 1 });
      // A time limit no memory bomb reaches here: only the memory limit can stop it.
      await expect(run(code, { timeoutMs: 30_000 })).rejects.toMatchObject({
        code: 'JX_CODE_MEMORY',
        message: expect.stringContaining('32 MB memory limit'),
        details: { nodeId: 'hostile', memoryLimitMb: 32, retryable: false },
      });
      await workerTerminated();
    },
    SLOW,
  );

  it(
    'caps the sandbox memory at its limit, not the QuickJS allocator count',
    async () => {
      pool = createCodeWorkerPool({ size: 1 });
      const counted =
        'const a = []; try { while (true) a.push("x".repeat(1e6)); } catch (e) { return [a.length, String(e)]; }';
      const [held, error] = (await run(counted, { timeoutMs: 30_000 })) as [number, string];
      expect(error).toBe('InternalError: out of memory');
      // 1 MB each: the 32 MB limit on top of the 16 MB the engine starts with, never beyond.
      expect(held).toBeGreaterThanOrEqual(16);
      expect(held).toBeLessThanOrEqual(32 + 16);
    },
    SLOW,
  );

  it(
    'gives a stack overflow its own code and plain sentence',
    async () => {
      pool = createCodeWorkerPool({ size: 1 });
      const error = await run('function f() { return f() + 1; }\nreturn f();').catch((caught) => caught);
      expect(error).toMatchObject({
        code: 'JX_CODE_STACK_OVERFLOW',
        message:
          'Node hostile (code.js) nested function calls too deeply (line 1) and was stopped; look for a recursion that never reaches its end, or rewrite it as a loop.',
        details: { nodeId: 'hostile', line: 1, retryable: false },
      });
      expect(JSON.stringify(error.details)).not.toMatch(/InternalError|assert|stack overflow/i);
      await workerTerminated();
    },
    SLOW,
  );
});
