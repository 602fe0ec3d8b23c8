// `pnpm --filter @junction/server bench`: a deployed webhook flow end to end (webhook → signed request to
// the sandbox → map → respond, every step journaled in SQLite) against a hand-written node:http server
// doing the same work, measured in the same run; the ratio is the figure that travels between machines.
// Sandbox, baseline and Junction each run in their own process; autocannon loads them from this one.
// `-- --profile` also CPU-profiles the Junction server during the measured phase (its throughput is then
// lower) and lists the hot spots.
// Not a test: nothing here asserts a speed; a wrong answer or a lost run fails loudly instead.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { createSqliteStore, JunctionError } from '@junction/runtime';
import { type BenchChild, startBenchChild } from './bench-child.ts';
import { summarizeCpuProfile } from './cpu-profile-summary.ts';
import { deployBenchFlow, type SandboxAccount } from './deploy-bench-flow.ts';
import {
  formatReport,
  type MemoryUse,
  type RecordedRuns,
  runsMatch,
  type WebhookBenchReport,
} from './format-report.ts';
import { type LoadPlan, probe, runLoad } from './run-load.ts';
import { HOOK_PATH, QUOTE_REQUEST } from './webhook-flow.ts';

const plan: LoadPlan = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 32),
  warmupSeconds: Number(process.env.BENCH_WARMUP ?? 2),
  durationSeconds: Number(process.env.BENCH_DURATION ?? 10),
};
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
const profiled = process.argv.includes('--profile') || process.env.BENCH_PROFILE === '1';
const outDir = fileURLToPath(new URL('../.bench/', import.meta.url));
const profileFile = join(outDir, 'junction-server.cpuprofile');

async function checkedProbe(url: string, who: string): Promise<unknown> {
  const { status, json } = await probe(url, QUOTE_REQUEST);
  if (status !== 200) {
    throw new JunctionError('JX_BENCH_PROBE', `${who} answered ${status} to the probe request.`, {
      who,
      answer: json as never,
    });
  }
  return json;
}

function recordedRuns(dataDir: string): Promise<RecordedRuns> {
  const store = createSqliteStore({ path: join(dataDir, 'junction.db') });
  const journal = store.database.prepare('SELECT count(*) AS n FROM journal').get() as { n: number };
  const databaseBytes = readdirSync(dataDir)
    .filter((name) => name.startsWith('junction.db'))
    .reduce((sum, name) => sum + statSync(join(dataDir, name)).size, 0);
  return store
    .countRuns({ flowId: 'webhook-bench' })
    .then((byStatus) => ({ byStatus, journalEntries: journal.n, databaseBytes }))
    .finally(() => store.close());
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'junction-webhook-bench-'));
  const children: BenchChild[] = [];
  try {
    const sandbox = await startBenchChild('./sandbox-server.ts', []);
    children.push(sandbox);
    const account = { ...sandbox.ready, gatewayUrl: sandbox.ready.url } as unknown as SandboxAccount;
    const sandboxPid = sandbox.process.pid!;

    const baseline = await startBenchChild('./baseline-server.ts', [
      account.gatewayUrl,
      account.appKey,
      account.appSecret,
    ]);
    children.push(baseline);
    const expected = await checkedProbe(baseline.ready.url, 'The baseline');
    const baselineLoad = await runLoad(baseline.ready.url, QUOTE_REQUEST, plan, {
      watch: [baseline.process.pid!, sandboxPid],
    });
    await baseline.stop();

    const junction = await startBenchChild('./junction-server.ts', [dataDir, logLevel], ['--expose-gc']);
    children.push(junction);
    const { url, token } = junction.ready as { url: string; token: string };
    await deployBenchFlow(url, token, account);
    const hookUrl = `${url}/hooks/${HOOK_PATH}`;
    const answer = await checkedProbe(hookUrl, 'Junction');
    if (!isDeepStrictEqual(answer, expected)) {
      throw new JunctionError('JX_BENCH_MISMATCH', 'Junction and the baseline answer differently.', {
        junction: answer as never,
        baseline: expected as never,
      });
    }
    const memory = () => junction.ask<MemoryUse>({ type: 'memory' });
    const memoryBefore = await memory();
    const junctionLoad = await runLoad(hookUrl, QUOTE_REQUEST, plan, {
      watch: [junction.process.pid!, sandboxPid],
      ...(profiled
        ? {
            beforeMeasure: () => junction.ask({ type: 'profile-start' }),
            afterMeasure: () => junction.ask({ type: 'profile-stop', file: profileFile }),
          }
        : {}),
    });
    const memoryAfter = await memory();
    await junction.stop();

    const report: WebhookBenchReport = {
      plan,
      logLevel,
      profiled,
      baseline: baselineLoad,
      junction: junctionLoad,
      memoryBefore,
      memoryAfter,
      probes: 1,
      recorded: await recordedRuns(dataDir),
    };
    if (profiled) report.profile = summarizeCpuProfile(profileFile);
    const markdown = formatReport(report);
    writeFileSync(join(outDir, 'webhook.md'), markdown);
    console.log(markdown);
    if (!runsMatch(report)) process.exitCode = 1;
  } finally {
    for (const child of children.reverse()) await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
