import { describe, expect, it } from 'vitest';
import { routeVersion, routingBucket } from './canary-routing.ts';

describe('canary routing', () => {
  it('is deterministic: the same key always lands on the same version', async () => {
    const deployment = {
      version: 1,
      canary: { version: 2, percent: 30, routingKey: 'customer' },
      deployedAt: 0,
    };
    for (const customer of ['alice', 'bob', 'carol', 'dave']) {
      const first = await routeVersion(deployment, { customer }, 'run-a');
      for (let i = 0; i < 5; i++) {
        const again = await routeVersion(deployment, { customer }, `run-${i}`);
        expect(again.version).toBe(first.version);
      }
    }
    expect(routingBucket('alice')).toBe(routingBucket('alice'));
  });

  it.each([1, 10, 25, 50, 90])('sends %i%% of 10,000 routing keys to the canary (±2%%)', async (percent) => {
    const deployment = { version: 1, canary: { version: 2, percent, routingKey: 'customer' }, deployedAt: 0 };
    let canary = 0;
    for (let i = 0; i < 10_000; i++) {
      const decision = await routeVersion(deployment, { customer: `customer-${i}` }, 'same-run-id');
      if (decision.canary) {
        expect(decision.version).toBe(2);
        canary += 1;
      }
    }
    expect(Math.abs(canary / 100 - percent)).toBeLessThanOrEqual(2);
  });

  it('defaults the routing key to the run id and honours match', async () => {
    const deployment = {
      version: 1,
      canary: { version: 2, percent: 100, match: "region = 'eu'" },
      deployedAt: 0,
    };
    expect((await routeVersion(deployment, { region: 'eu' }, 'r1')).version).toBe(2);
    expect((await routeVersion(deployment, { region: 'us' }, 'r1')).version).toBe(1);
    const byRun = { version: 1, canary: { version: 2, percent: 50 }, deployedAt: 0 };
    const decision = await routeVersion(byRun, {}, 'run-42');
    expect(decision.routingKey).toBe('run-42');
    expect(decision.canary).toBe(routingBucket('run-42') < 50);
  });

  it('sends nothing to the canary at 0% and everything at 100%', async () => {
    const zero = { version: 1, canary: { version: 2, percent: 0 }, deployedAt: 0 };
    const all = { version: 1, canary: { version: 2, percent: 100 }, deployedAt: 0 };
    for (let i = 0; i < 200; i++) {
      expect((await routeVersion(zero, {}, `r${i}`)).version).toBe(1);
      expect((await routeVersion(all, {}, `r${i}`)).version).toBe(2);
    }
  });
});

describe('canary routing when an expression fails', () => {
  it('sends the run to the main version and reports the failure', async () => {
    const failures: unknown[] = [];
    for (const canary of [
      { version: 2, percent: 100, match: '=$error("boom")' },
      { version: 2, percent: 100, routingKey: '=foo(' },
    ]) {
      const decision = await routeVersion({ version: 1, canary, deployedAt: 0 }, {}, 'run-1', (error) =>
        failures.push(error),
      );
      expect(decision).toEqual({ version: 1, canary: false, routingKey: 'run-1' });
    }
    expect(failures).toHaveLength(2);
  });
});
