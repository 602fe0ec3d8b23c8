// Issue 17 items 8 and 12: hostile `code.js` code runs on a worker thread, so the server keeps
// answering while it runs, and it ends with its own code. Ordering, not timing: the health answers
// must all arrive while the hostile node is still running. (Latency and RSS: `pnpm bench`,
// packages/server/bench/code-isolation-bench.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from './testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t?.close());

interface RunView {
  status: string;
  error: { code: string; message: string } | null;
  hostile: string | undefined;
}

async function view(runId: string): Promise<RunView> {
  const { json } = await t.api('GET', `/api/runs/${runId}`);
  const hostile = json.nodes.find((node: { nodeId: string }) => node.nodeId === 'hostile');
  return { status: json.run.status, error: json.run.error, hostile: hostile?.status };
}

/** Polls until `done` holds; each poll is an HTTP request, so a stalled server stalls this too. */
async function until(runId: string, done: (run: RunView) => boolean): Promise<RunView> {
  for (;;) {
    const run = await view(runId);
    if (done(run)) return run;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const HEALTH_CHECKS = 5;

describe('hostile code.js code through the server', () => {
  it.each([
    ['an endless loop', 'hostile-loop', 'JX_CODE_TIMEOUT'],
    ['a memory bomb', 'hostile-memory', 'JX_CODE_MEMORY'],
  ])(
    'answers /api/health while %s runs, and the run ends with its code',
    async (_name, flowName, code) => {
      const started = await t.api('POST', '/api/test-runs', { flow: fixture(flowName), input: {} });
      expect(started.status).toBe(201);
      const { runId } = started.json as { runId: string };
      await until(runId, (run) => run.hostile !== undefined);

      const answers: number[] = [];
      for (let i = 0; i < HEALTH_CHECKS; i++) {
        const health = await t.api('GET', '/api/health', undefined, { token: null });
        answers.push(health.status);
      }
      // Had the code run on the event loop, the node would have ended before any health answer.
      const during = await view(runId);
      expect(answers).toEqual(Array(HEALTH_CHECKS).fill(200));
      expect(during).toMatchObject({ status: 'running', hostile: 'running' });

      const ended = await until(runId, (run) => run.status !== 'running' && run.status !== 'queued');
      expect(ended).toMatchObject({ status: 'failed', hostile: 'failed', error: { code } });
      expect(ended.error?.message).toContain('Node hostile (code.js)');
    },
    60_000,
  );
});
