// `node --import tsx bench/sqlite-throughput.ts [step|run] [pure]`: only the SQLite throughput figure of
// engine-bench.ts, for profiling (`node --cpu-prof --import tsx …`) without the other benchmarks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createSqliteStore } from '../src/index.ts';
import { benchRegistry, chainFlow } from './bench-flows.ts';

const durability = process.argv[2] === 'run' ? 'run' : 'step';
const stepType = process.argv[3] === 'pure' ? 'bench.pure' : 'bench.step';
const total = Number(process.env.BENCH_RUNS ?? 4000);
const dir = mkdtempSync(join(tmpdir(), 'junction-bench-'));
const store = createSqliteStore({ path: join(dir, 'runs.db') });
const engine = createEngine({ store, registry: benchRegistry(), durability });
const flow = chainFlow(9, stepType);
const runOne = async () => (await engine.start(flow, { input: { n: 0 } })).done;
for (let i = 0; i < 200; i++) await runOne();
let next = 0;
const cpuBefore = process.cpuUsage();
const began = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: 256 }, async () => {
    while (next++ < total) await runOne();
  }),
);
const seconds = Number(process.hrtime.bigint() - began) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
// CPU time per run holds on a shared machine where wall time depends on everyone else's load.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(
  `${durability}: ${Math.round(total / seconds)} runs/s, ${Math.round(total / cpuSeconds)} runs per CPU-second`,
);
await engine.stop();
await store.close();
rmSync(dir, { recursive: true, force: true });
