// `pnpm --filter @junction/server bench:systems` (also part of `bench`): the webhook benchmark flow on a
// bare node:http server, on Node-RED 4.1.x (installed on demand into a cache folder outside the repo) and
// on Junction, against the same sandbox, alternated over BENCH_ROUNDS rounds (≥ 3) so the medians of the
// per-round ratios hold on a noisy machine. Asserts correctness only: every system answers the probe with
// the bare server's body, and every Junction answer has a succeeded run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { createSqliteStore, JunctionError } from '@junction/runtime';
import { type BenchChild, startBenchChild } from './bench-child.ts';
import { deployBenchFlow, type SandboxAccount } from './deploy-bench-flow.ts';
import { journalUsage } from './journal-usage.ts';
import { ensureNodeRed } from './node-red-install.ts';
import { type NodeRedServer, startNodeRed } from './node-red-server.ts';
import { type LoadPlan, probe, runLoad } from './run-load.ts';
import { addGrowth, formatSystemsReport, type SystemsReport, type SystemsRound } from './systems-report.ts';
import { HOOK_PATH, QUOTE_REQUEST } from './webhook-flow.ts';

const plan: LoadPlan = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 32),
  warmupSeconds: Number(process.env.BENCH_WARMUP ?? 2),
  durationSeconds: Number(process.env.BENCH_DURATION ?? 10),
};
const roundCount = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
const outDir = fileURLToPath(new URL('../.bench/', import.meta.url));
const FLOW_ID = 'webhook-bench';
// Runs in flight when autocannon stops finish within this, so the journal count covers whole runs.
const SETTLE_MS = 500;

async function sameAnswer(url: string, who: string, expected: unknown): Promise<void> {
  const { status, json } = await probe(url, QUOTE_REQUEST);
  if (status !== 200 || (expected !== undefined && !isDeepStrictEqual(json, expected))) {
    throw new JunctionError(
      'JX_BENCH_MISMATCH',
      `${who} answered ${status} and not the bare server's body.`,
      {
        who,
        answer: json as never,
        expected: expected as never,
      },
    );
  }
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'junction-systems-bench-'));
  const children: BenchChild[] = [];
  let nodeRed: NodeRedServer | undefined;
  try {
    const install =
      process.env.BENCH_NODE_RED === 'off'
        ? ({ ok: false, reason: 'BENCH_NODE_RED=off' } as const)
        : await ensureNodeRed();
    const sandbox = await startBenchChild('./sandbox-server.ts', []);
    children.push(sandbox);
    const account = { ...sandbox.ready, gatewayUrl: sandbox.ready.url } as unknown as SandboxAccount;
    const sandboxPid = sandbox.process.pid!;

    const bare = await startBenchChild('./baseline-server.ts', [
      account.gatewayUrl,
      account.appKey,
      account.appSecret,
    ]);
    children.push(bare);
    const expected = (await probe(bare.ready.url, QUOTE_REQUEST)).json;
    await sameAnswer(bare.ready.url, 'The bare server', undefined);

    let nodeRedStatus: SystemsReport['nodeRed'] = { skipped: install.ok ? '' : install.reason };
    if (install.ok) {
      try {
        nodeRed = await startNodeRed(install.redJs, account);
        nodeRedStatus = { version: install.version };
      } catch (error) {
        nodeRedStatus = { skipped: `it did not start: ${(error as Error).message}` };
      }
    }
    if ('skipped' in nodeRedStatus) console.error(`Node-RED left out: ${nodeRedStatus.skipped}`);
    if (nodeRed) await sameAnswer(nodeRed.url, 'Node-RED', expected);

    const junction = await startBenchChild('./junction-server.ts', [dataDir, logLevel], ['--expose-gc']);
    children.push(junction);
    const { url, token } = junction.ready as { url: string; token: string };
    await deployBenchFlow(url, token, account);
    const hookUrl = `${url}/hooks/${HOOK_PATH}`;
    await sameAnswer(hookUrl, 'Junction', expected);
    const databaseFile = join(dataDir, 'junction.db');

    const rounds: SystemsRound[] = [];
    let journal: SystemsReport['journal'];
    for (let index = 0; index < roundCount; index++) {
      console.error(`Round ${index + 1} of ${roundCount} …`);
      const round: SystemsRound = {};
      round.bare = await runLoad(bare.ready.url, QUOTE_REQUEST, plan, {
        watch: [bare.process.pid!, sandboxPid],
      });
      if (nodeRed) {
        round['node-red'] = await runLoad(nodeRed.url, QUOTE_REQUEST, plan, {
          watch: [nodeRed.process.pid!, sandboxPid],
        });
      }
      const before = journalUsage(databaseFile, FLOW_ID);
      round.junction = await runLoad(hookUrl, QUOTE_REQUEST, plan, {
        watch: [junction.process.pid!, sandboxPid],
      });
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      journal = addGrowth(journal, before, journalUsage(databaseFile, FLOW_ID));
      rounds.push(round);
    }
    await junction.stop();

    const store = createSqliteStore({ path: databaseFile });
    const byStatus = await store.countRuns({ flowId: FLOW_ID }).finally(() => store.close());
    const succeeded = byStatus.succeeded ?? 0;
    const other = Object.values(byStatus).reduce((sum, n) => sum + n, 0) - succeeded;
    const probes = 1;
    const answered = rounds.reduce((sum, r) => sum + r.junction!.answered2xx, probes);
    const sent = rounds.reduce((sum, r) => sum + r.junction!.sent, probes);
    const report: SystemsReport = {
      plan,
      rounds,
      nodeRed: nodeRedStatus,
      ...(journal ? { journal } : {}),
      accounting: {
        succeeded,
        other,
        answered,
        sent,
        ok: other === 0 && succeeded >= answered && succeeded <= sent,
      },
    };
    const markdown = formatSystemsReport(report);
    writeFileSync(join(outDir, 'systems.md'), markdown);
    console.log(markdown);
    if (!report.accounting.ok) process.exitCode = 1;
  } finally {
    await nodeRed?.stop();
    for (const child of children.reverse()) await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
