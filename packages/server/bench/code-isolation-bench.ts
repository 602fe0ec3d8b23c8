// `pnpm --filter @junction/server bench:code` (also part of the server's `bench`): what hostile code.js
// code costs the server (issue 17 items 8 and 12). The embedded server runs in its own process; this
// one sends /api/health requests one after the other — idle (the baseline, same run), then while a
// test run executes `while(true){}` (1,000 ms limit) and while it runs a memory bomb (default 32 MB) —
// and samples the server's RSS from /proc. Each scenario is repeated BENCH_CODE_RUNS times (default 5);
// the table shows medians. Nothing here asserts a speed; a run that ends without its code fails loudly.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JunctionError } from '@junction/runtime';
import { startBenchChild } from './bench-child.ts';
import {
  type HostileRun,
  hostileFlow,
  measureHostileRun,
  measureIdle,
  type Target,
  type Window,
} from './code-isolation-probe.ts';

const RUNS = Number(process.env.BENCH_CODE_RUNS ?? 5);
const TIMEOUT_MS = 1_000;
const outDir = fileURLToPath(new URL('../.bench/', import.meta.url));

const SCENARIOS = [
  {
    name: '`while(true){}`, 1,000 ms limit',
    code: 'while (true) {}',
    timeoutMs: TIMEOUT_MS,
    expect: 'JX_CODE_TIMEOUT',
  },
  {
    name: '`a.push("x".repeat(1e6))` bomb, 32 MB',
    code: 'const a = []; while (true) a.push("x".repeat(1e6));',
    timeoutMs: 30_000,
    expect: 'JX_CODE_MEMORY',
  },
  {
    name: '`s += "x".repeat(1e6)` bomb, 32 MB',
    code: 'let s = ""; while (true) s += "x".repeat(1e6);',
    timeoutMs: 30_000,
    expect: 'JX_CODE_MEMORY',
  },
] as const;

interface Row {
  name: string;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  rssBefore?: number;
  rssPeak?: number;
  rssAfter?: number;
  nodeMs?: number;
  pastLimitMs?: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const mb = (bytes: number | undefined) => (bytes === undefined ? '' : (bytes / 2 ** 20).toFixed(0));
const ms = (value: number | undefined) => (value === undefined ? '' : value.toFixed(1));

function latencyOf(windows: Window[]): Pick<Row, 'p50' | 'p99' | 'max' | 'requests'> {
  return {
    p50: median(windows.map((w) => percentile(w.health, 50))),
    p99: median(windows.map((w) => percentile(w.health, 99))),
    max: median(windows.map((w) => Math.max(...w.health))),
    requests: median(windows.map((w) => w.health.length)),
  };
}

function formatTable(rows: Row[]): string {
  const lines = [
    `Median of ${RUNS} runs. Health: sequential \`GET /api/health\` during the window (idle: ${TIMEOUT_MS} ms). RSS of the server process (before/after: after a GC; peak: sampled every 10 ms).`,
    '',
    '| scenario | health p50 ms | health p99 ms | health max ms | requests | RSS before MB | RSS peak MB | RSS after MB | node ran ms | stopped past limit ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.requests} | ${mb(r.rssBefore)} | ${mb(r.rssPeak)} | ${mb(r.rssAfter)} | ${r.nodeMs ?? ''} | ${r.pastLimitMs ?? ''} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'junction-code-bench-'));
  const server = await startBenchChild('./junction-server.ts', [dataDir, 'error'], ['--expose-gc']);
  const target: Target = {
    url: server.ready.url,
    token: server.ready.token as string,
    pid: server.process.pid!,
  };
  const rssAfterGc = async () => (await server.ask<{ rss: number }>({ type: 'memory' })).rss;
  try {
    // Warm-up: the worker pool starts and QuickJS is compiled before anything is measured.
    const warm = await measureHostileRun(target, hostileFlow('return 1;', TIMEOUT_MS));
    if (warm.status !== 'succeeded') throw new JunctionError('JX_BENCH_PROBE', 'The warm-up run failed.');
    const idle: Window[] = [];
    for (let i = 0; i < RUNS; i++) idle.push(await measureIdle(target, TIMEOUT_MS));
    const rows: Row[] = [{ name: 'idle (baseline)', ...latencyOf(idle) }];
    for (const scenario of SCENARIOS) {
      const runs: Array<HostileRun & { before: number; after: number }> = [];
      for (let i = 0; i < RUNS; i++) {
        const before = await rssAfterGc();
        const run = await measureHostileRun(target, hostileFlow(scenario.code, scenario.timeoutMs));
        if (run.code !== scenario.expect) {
          throw new JunctionError('JX_BENCH_PROBE', `${scenario.name} ended ${run.status} ${run.code}.`, {
            expected: scenario.expect,
          });
        }
        // The terminated worker's memory goes back once its thread has exited.
        await new Promise((resolve) => setTimeout(resolve, 500));
        runs.push({ ...run, before, after: await rssAfterGc() });
      }
      rows.push({
        name: scenario.name,
        ...latencyOf(runs),
        rssBefore: median(runs.map((r) => r.before)),
        rssPeak: median(runs.map((r) => r.peakRss)),
        rssAfter: median(runs.map((r) => r.after)),
        nodeMs: median(runs.map((r) => r.nodeMs)),
        ...(scenario.expect === 'JX_CODE_TIMEOUT'
          ? { pastLimitMs: median(runs.map((r) => r.nodeMs - scenario.timeoutMs)) }
          : {}),
      });
    }
    const table = formatTable(rows);
    writeFileSync(join(outDir, 'code-isolation.md'), `${table}\n`);
    console.log(table);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
