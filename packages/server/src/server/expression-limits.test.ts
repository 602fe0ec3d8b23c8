import { DEFAULT_EXPRESSION_LIMITS, evaluateExpression, type FlowDocument } from '@junction/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { expressionLimitSettings } from '../cli/commands/expression-options.ts';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

// Expression limits as server settings: reported by /api/health, applied to every run, lowered by a
// node. The fixture maps `$sum([1..n].($ * 2))`; outcomes and codes are asserted, never durations.

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(options: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const t = await startTestServer(options);
  servers.push(t);
  return t;
}

async function deploy(t: TestServer, flow: FlowDocument): Promise<void> {
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const { version } = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json as { version: number };
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
}

/** The n for which the fixture's expression evaluates for about `targetMs` on this machine now. */
async function sizeFor(targetMs: number): Promise<number> {
  const sample = 50_000;
  const began = performance.now();
  await evaluateExpression(`=$sum([1..${sample}].($ * 2))`, {});
  const perItem = Math.max((performance.now() - began) / sample, 1e-4);
  return Math.min(Math.round(targetMs / perItem), DEFAULT_EXPRESSION_LIMITS.maxSequence);
}

type RunView = {
  status: string;
  output?: unknown;
  error?: { code: string; message: string; details: object };
};

async function runOf(t: TestServer, flowId: string, input: unknown): Promise<RunView> {
  const answer = await t.api('POST', `/api/flows/${flowId}/runs?wait=true`, { input });
  expect(answer.status).toBe(200);
  return (answer.json as { run: RunView }).run;
}

describe('expression limits of a server', () => {
  it('reports its limits in /api/health: the defaults, or what it was started with', async () => {
    const plain = await serve({});
    expect((await plain.api('GET', '/api/health', undefined, { token: null })).json).toEqual({
      status: 'ok',
      settings: {
        requireTests: false,
        retention: {
          succeededDays: 30,
          failedDays: 90,
          maxRuns: null,
          callbackDays: 30,
          intervalMs: 3_600_000,
        },
      },
      expressionLimits: { timeoutMs: 1000, maxDepth: 500, maxSequence: 1_000_000 },
    });
    const tuned = await serve({ expressionLimits: { timeoutMs: 3000, maxSequence: 2000 } });
    expect((await tuned.api('GET', '/api/health', undefined, { token: null })).json.expressionLimits).toEqual(
      {
        timeoutMs: 3000,
        maxDepth: 500,
        maxSequence: 2000,
      },
    );
  });

  it('raised to 3 s, an expression of about 1.5 s succeeds; a node lowering it to 100 ms fails, coded and named', async () => {
    const t = await serve({ expressionLimits: { timeoutMs: 3000 } });
    const flow = fixture('expression-limits');
    const lowered: FlowDocument = {
      ...flow,
      id: 'expression-limits-lowered',
      nodes: flow.nodes.map((node) =>
        node.id === 'total' ? { ...node, expressionLimits: { timeoutMs: 100 } } : node,
      ),
    };
    await deploy(t, flow);
    await deploy(t, lowered);
    const n = await sizeFor(1500);

    const raised = await runOf(t, flow.id, { n });
    expect(raised.status).toBe('succeeded');
    expect(raised.output).toEqual({ total: n * (n + 1) });

    const refused = await runOf(t, lowered.id, { n });
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatchObject({
      code: 'JX_EXPRESSION_FAILED',
      details: { nodeId: 'total', jsonataCode: 'D1012' },
    });
    expect(refused.error?.message).toContain('node total');
  });

  it('refuses a node limit that is not a whole number of at least 1 when the flow is saved', async () => {
    const t = await serve({});
    const flow = fixture('expression-limits');
    flow.nodes[1]!.expressionLimits = { timeoutMs: 0 };
    const saved = await t.api('PUT', `/api/flows/${flow.id}`, flow);
    expect(saved.status).toBe(422);
    expect(JSON.stringify(saved.json.error)).toContain('/nodes/1/expressionLimits/timeoutMs');
  });
});

describe('junction serve: --expression-* flags and JUNCTION_EXPRESSION_* variables', () => {
  it('reads flags, then variables, and leaves unset limits to the defaults', () => {
    expect(expressionLimitSettings({}, {})).toBeUndefined();
    expect(
      expressionLimitSettings(
        { expressionTimeoutMs: '3000' },
        { JUNCTION_EXPRESSION_TIMEOUT_MS: '50', JUNCTION_EXPRESSION_MAX_DEPTH: '200' },
      ),
    ).toEqual({ timeoutMs: 3000, maxDepth: 200 });
    expect(expressionLimitSettings({}, { JUNCTION_EXPRESSION_MAX_SEQUENCE: '10000' })).toEqual({
      maxSequence: 10_000,
    });
  });

  it('refuses a limit that is not a whole number of at least 1, naming the flag and the variable', () => {
    for (const value of ['0', '-5', '1.5', 'soon']) {
      expect(() => expressionLimitSettings({ expressionTimeoutMs: value }, {})).toThrow(
        expect.objectContaining({
          code: 'JX_CLI_EXPRESSION_LIMIT_INVALID',
          message: expect.stringContaining('--expression-timeout-ms (or JUNCTION_EXPRESSION_TIMEOUT_MS)'),
        }),
      );
    }
  });
});
