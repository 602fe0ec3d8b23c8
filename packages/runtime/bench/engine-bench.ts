// `pnpm --filter @junction/runtime bench`: engine benchmarks, printed as a markdown table. Every
// figure comes with a baseline measured in the same process, so ratios hold on a noisy machine.
// BENCH_WAITING (default 100000) sets the number of suspended runs; BENCH_ONLY picks benchmarks.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createMemoryStore, createSqliteStore, type Json } from '../src/index.ts';
import { benchRegistry, callbackFlow, chainFlow, step } from './bench-flows.ts';

const rows: string[][] = [];
const report = (metric: string, value: string, baseline: string, target: string) => {
  rows.push([metric, value, baseline, target]);
  console.error(`  ${metric}: ${value} (baseline ${baseline})`);
};
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function baselineChain(length: number, runs: number): Promise<number> {
  const began = process.hrtime.bigint();
  for (let r = 0; r < runs; r++) {
    let value: Json = { n: 0 };
    for (let i = 0; i < length; i++) value = await (async (input: Json) => step(input))(value);
  }
  return Number(process.hrtime.bigint() - began) / 1e3;
}

async function perNodeOverhead(): Promise<void> {
  const length = 100;
  const runs = 400;
  for (const durability of ['step', 'run'] as const) {
    const engine = createEngine({ store: createMemoryStore(), registry: benchRegistry(), durability });
    const flow = chainFlow(length);
    for (let i = 0; i < 50; i++) await (await engine.start(flow, { input: { n: 0 } })).done;
    const began = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) await (await engine.start(flow, { input: { n: 0 } })).done;
    const micros = Number(process.hrtime.bigint() - began) / 1e3;
    const base = await baselineChain(length, runs);
    report(
      `per-node time, 100-node pure chain, memory store (durability ${durability})`,
      `${(micros / runs / length).toFixed(2)} µs/node`,
      `${(base / runs / length).toFixed(2)} µs/node (plain async chain)`,
      '≤ 15 µs/node',
    );
    await engine.stop();
  }
}

async function sqliteThroughput(): Promise<void> {
  const total = 4000;
  const inFlight = 256; // a loaded server: many runs share each SQLite transaction
  // trigger + 9 steps = 10 nodes; with side effects (a barrier per step) and without.
  const variants = [
    ['step', 'bench.step', 'durability step, side-effecting steps'],
    ['step', 'bench.pure', 'durability step, steps without side effects'],
    ['run', 'bench.step', 'durability run'],
  ] as const;
  for (const [durability, stepType, label] of variants) {
    const flow = chainFlow(9, stepType);
    const dir = mkdtempSync(join(tmpdir(), 'junction-bench-'));
    const store = createSqliteStore({ path: join(dir, 'runs.db') });
    const engine = createEngine({ store, registry: benchRegistry(), durability });
    const runOne = async () => (await engine.start(flow, { input: { n: 0 } })).done;
    for (let i = 0; i < 200; i++) await runOne();
    let next = 0;
    const cpuBefore = process.cpuUsage();
    const began = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next++ < total) await runOne();
      }),
    );
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    // Per CPU-second holds on a shared machine, where wall time depends on everyone else's load.
    const perCpuSecond = Math.round(total / ((cpu.user + cpu.system) / 1e6));
    const base = (await baselineChain(10, total)) / 1e6;
    report(
      `10-node runs/s, SQLite store, every step journaled (${label})`,
      `${Math.round(total / seconds)} runs/s (${perCpuSecond} per CPU-second)`,
      `${Math.round(total / base)} runs/s (plain async chain, no store)`,
      '≥ 2,000 runs/s',
    );
    await engine.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function suspendedRuns(): Promise<void> {
  const count = Number(process.env.BENCH_WAITING ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'junction-bench-'));
  const path = join(dir, 'runs.db');
  const store = createSqliteStore({ path });
  const engine = createEngine({ store, registry: benchRegistry(), durability: 'run' });
  const flow = callbackFlow();
  // Warm-up at full concurrency, so allocator high-water marks are in the baseline, not the growth.
  let warm = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (warm < 2000) await (await engine.start(flow, { input: { key: `warm${warm++}` } })).done;
    }),
  );
  gc();
  gc();
  const before = process.memoryUsage();
  let next = 0;
  let began = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < count) {
        const key = `k${next++}`;
        await (await engine.start(flow, { input: { key } })).done;
      }
    }),
  );
  const suspendSeconds = Number(process.hrtime.bigint() - began) / 1e9;
  gc();
  const after = process.memoryUsage();
  const waits = await store.countWaits();
  report(
    `${count} runs suspended on callbacks: memory growth (RSS / heap)`,
    `${((after.rss - before.rss) / 2 ** 20).toFixed(1)} MB / ${((after.heapUsed - before.heapUsed) / 2 ** 20).toFixed(1)} MB`,
    `${waits} waits in the store, file ${(statSync(path).size / 2 ** 20).toFixed(0)} MB`,
    '< 50 MB',
  );
  report('suspend rate (start → waiting)', `${Math.round(count / suspendSeconds)} runs/s`, '-', '-');
  const latencies: number[] = [];
  next = 0;
  began = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < count) {
        const key = `k${next++}`;
        const t0 = process.hrtime.bigint();
        await engine.resume('bench', key, { ok: true });
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const resumeSeconds = Number(process.hrtime.bigint() - began) / 1e9;
  latencies.sort((a, b) => a - b);
  report(
    'resume rate (callback → run resumed, journal durable)',
    `${Math.round(count / resumeSeconds)} resumes/s`,
    `latency p50 ${percentile(latencies, 0.5).toFixed(2)} ms, p99 ${percentile(latencies, 0.99).toFixed(2)} ms`,
    '-',
  );
  await engine.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

// BENCH_ONLY=waiting,overhead,sqlite runs some of them (default all), e.g. to compare two trees.
const only = new Set((process.env.BENCH_ONLY ?? 'waiting,overhead,sqlite').split(','));
// Suspended runs first, so its memory figure is not blurred by garbage of the other benchmarks.
if (only.has('waiting')) await suspendedRuns();
if (only.has('overhead')) await perNodeOverhead();
if (only.has('sqlite')) await sqliteThroughput();
console.log('\n| metric | result | baseline (same run) | target |\n| --- | --- | --- | --- |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
