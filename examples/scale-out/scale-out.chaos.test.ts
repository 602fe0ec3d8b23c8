import { describe, expect, it } from 'vitest';
import { type ChaosResult, runChaos } from './chaos-run.ts';
import { figuresTable, violationReport } from './figures-table.ts';

/**
 * Issues 18, 22 and 23: the order-card flow on one api and two worker processes keeps every order
 * exactly once while processes are SIGKILLed and PostgreSQL and Redis fail. Bounded for the suite;
 * `pnpm --filter @junction/examples bench` plays the long version.
 */
const SUITE_VARIABLES = { callbackTimeoutMs: 20_000, pollIntervalSeconds: 1, pollTimeoutSeconds: 20 };

function report(result: ChaosResult): void {
  console.log(`\n${figuresTable([result])}\n${violationReport(result)}`);
  expect(result.violations.map((v) => `${v.invariant}: ${v.detail}`)).toEqual([]);
}

describe('scale-out chaos: the order-card flow while processes and services die', () => {
  it('keeps every order exactly once while workers and the api are SIGKILLed', async () => {
    const result = await runChaos({
      name: 'kills',
      plan: { kills: 10, pgRestarts: 0, redisRestarts: 0, redisStalls: 0, gapMs: 1_500, apiKillShare: 0.25 },
      rate: 2,
      minOrders: 70,
      seed: 18,
      variables: SUITE_VARIABLES,
      settleMs: 45_000,
      log: (line) => console.log(line),
    });
    report(result);
  }, 240_000);

  it('keeps every order exactly once through a PostgreSQL restart, a Redis restart and a Redis stall', async () => {
    const result = await runChaos({
      name: 'infrastructure',
      plan: { kills: 4, pgRestarts: 1, redisRestarts: 1, redisStalls: 1, gapMs: 2_000, apiKillShare: 0.25 },
      rate: 2,
      minOrders: 60,
      seed: 22,
      variables: SUITE_VARIABLES,
      settleMs: 60_000,
      log: (line) => console.log(line),
    });
    report(result);
  }, 300_000);
});
