import { createPostgresStore, type Json } from '@junction/runtime';
import { startSandbox } from '@junction/sandbox';
import { startThrowawayPostgres, startThrowawayRedis } from '@junction/server/testing';
import { loadExamples } from '../src/index.ts';
import { startChaosCluster } from './chaos-cluster.ts';
import { type ChaosFigures, checkInvariants, type Violation } from './check-invariants.ts';
import { type FaultPlan, playFaults } from './fault-driver.ts';
import { placeOrders } from './order-traffic.ts';
import { readRuns, settled } from './read-state.ts';

/** Options of {@link runChaos}. */
export interface ChaosOptions {
  name: string;
  plan: FaultPlan;
  /** Orders per second, and at least this many orders (traffic also lasts as long as the faults). */
  rate: number;
  minOrders: number;
  seed: number;
  leaseMs?: number;
  /** Overrides of the order flow's variables (its callback deadline and polling). */
  variables?: Record<string, Json>;
  /** Longest wait for the runs to finish and the callbacks to be acknowledged after the traffic. */
  settleMs: number;
  log?: (line: string) => void;
}

/** What a chaos run saw. */
export interface ChaosResult {
  name: string;
  figures: ChaosFigures;
  violations: Violation[];
  settleMs: number;
}

/** A small seeded generator (mulberry32), so a failing run can be played again with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const OUT_OF_STOCK = '10000007';
const FLOW_ID = 'order-card';
/** Callback retries every 2 simulated seconds (0.5 s real at time factor 0.25) for a few minutes. */
const CALLBACK_SCHEDULE_MS = [0, ...Array<number>(400).fill(2_000)];

/**
 * One chaos run on parts of its own: a throwaway PostgreSQL and Redis, the sandbox in this process
 * (gateway latency 250 ms), one api and two worker processes, the order-card flow; orders at a steady
 * rate (10 % posted twice) while the faults of the plan are played; then a bounded settle and the
 * invariants, read from PostgreSQL and the sandbox.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed);
  const postgres = await startThrowawayPostgres();
  const redis = await startThrowawayRedis().catch((error) => {
    postgres.destroy();
    throw error;
  });
  const sandbox = await startSandbox({
    seed: 7,
    timeFactor: 0.25,
    config: { callbackScheduleMs: CALLBACK_SCHEDULE_MS, faults: { global: { latencyMs: 250 } } },
  });
  const cleanups: (() => Promise<void> | void)[] = [
    () => sandbox.close(),
    () => redis.destroy(),
    () => postgres.destroy(),
  ];
  try {
    const cluster = await startChaosCluster({
      databaseUrl: postgres.url,
      redisUrl: redis.url,
      leaseMs: options.leaseMs ?? 3_000,
    });
    cleanups.unshift(() => cluster.close());
    await loadExamples({
      serverUrl: cluster.url,
      token: cluster.token,
      sandbox,
      flows: [FLOW_ID],
      variables: options.variables,
    });
    sandbox.topUp(sandbox.appKey, 100_000_000);
    const balanceBefore = sandbox.balance();
    const sellable = sandbox
      .products()
      .filter((p) => p.product_type === 'card' && p.sales_status === 'on_shelf' && p.stock > 0)
      .map((p) => p.product_id);
    log(
      `${options.name}: cluster at ${cluster.url}, postgres ${postgres.url}, redis ${redis.url}, seed ${options.seed}`,
    );

    let faultsDone = false;
    const faults = playFaults(options.plan, { cluster, postgres, redis }, random, log).finally(() => {
      faultsDone = true;
    });
    const orders = await placeOrders({
      hookUrl: `${cluster.url}/hooks/shop/order`,
      rate: options.rate,
      minOrders: options.minOrders,
      keepGoing: () => !faultsDone,
      duplicateShare: 0.1,
      pickProduct: () => (random() < 0.05 ? OUT_OF_STOCK : sellable[Math.floor(random() * sellable.length)]!),
      random,
      giveUpMs: 90_000,
      prefix: `${options.name.slice(0, 4)}-${options.seed}-`,
    });
    const windows = await faults;
    log(`${options.name}: ${orders.length} orders placed, settling`);

    const store = createPostgresStore({ connectionString: postgres.url, maxConnections: 2 });
    cleanups.unshift(() => store.close());
    await store.ready;
    const settleStart = Date.now();
    let runs = await readRuns(store.pool, FLOW_ID);
    while (!settled(runs, sandbox) && Date.now() - settleStart < options.settleMs) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      runs = await readRuns(store.pool, FLOW_ID);
    }
    const settleMs = Date.now() - settleStart;
    const { figures, violations } = checkInvariants({
      orders,
      runs,
      sandbox,
      balanceBefore,
      windows,
      exits: cluster.exits,
      ackAfter: ['api', 'postgres'],
    });
    if (violations.length > 0) {
      // The journal of every run that ended with an engine error: what to replay the defect from.
      for (const run of runs.filter((r) => r.status === 'failed' && !r.errorCode?.startsWith('JX_USER_'))) {
        const journal = await store.readJournal(run.id);
        log(`--- journal of ${run.id} (${run.errorCode}):`);
        for (const entry of journal) {
          log(`  ${entry.seq} ${new Date(entry.at).toISOString()} ${entry.type} ${entry.nodeId ?? ''}`);
        }
      }
      for (const [name, lines] of Object.entries(cluster.lastLines())) {
        log(`--- last lines of ${name}:\n${lines.join('\n')}`);
      }
    }
    return { name: options.name, figures, violations, settleMs };
  } finally {
    for (const cleanup of cleanups) await Promise.resolve(cleanup()).catch(() => {});
  }
}
