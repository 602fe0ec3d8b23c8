// `pnpm --filter @junction/examples bench`: the long chaos runs, one per fault kind, at 10 orders/s.
// CHAOS_FAULTS=kills,pg-restart,redis-restart,redis-stall chooses the kinds; CHAOS_KILLS (default 200)
// the kills of the kills run; CHAOS_SEED the seed. Exits 1 when an invariant broke.
import { type ChaosResult, runChaos } from './chaos-run.ts';
import { FAULT_KINDS, type FaultKind, type FaultPlan } from './fault-driver.ts';
import { figuresTable, violationReport } from './figures-table.ts';

const kinds = (process.env.CHAOS_FAULTS?.split(',') ?? [...FAULT_KINDS]) as FaultKind[];
const kills = Number(process.env.CHAOS_KILLS ?? 200);
const seed = Number(process.env.CHAOS_SEED ?? 23);
const none: FaultPlan = {
  kills: 0,
  pgRestarts: 0,
  redisRestarts: 0,
  redisStalls: 0,
  gapMs: 1_000,
  apiKillShare: 0.25,
};
const plans: Record<FaultKind, FaultPlan> = {
  kills: { ...none, kills },
  'pg-restart': { ...none, pgRestarts: 10, gapMs: 5_000 },
  'redis-restart': { ...none, redisRestarts: 10, gapMs: 5_000 },
  'redis-stall': { ...none, redisStalls: 10, gapMs: 5_000 },
};

const results: ChaosResult[] = [];
for (const kind of kinds) {
  const result = await runChaos({
    name: kind,
    plan: plans[kind],
    rate: 10,
    minOrders: 300,
    seed,
    settleMs: 240_000,
    log: (line) => console.log(line),
  });
  results.push(result);
  console.log(`\n${figuresTable([result])}\n${violationReport(result)}\n`);
}
console.log(`\n${figuresTable(results)}`);
process.exitCode = results.some((r) => r.violations.length > 0) ? 1 : 0;
