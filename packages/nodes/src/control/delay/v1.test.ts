import { isSuspension, type NodeResult } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { type DelayConfig, delayNode } from './v1.ts';

const NOW = Date.parse('2024-01-01T00:00:00Z');

async function delay(config: DelayConfig, extra: object = {}): Promise<NodeResult> {
  const { ctx } = createTestContext({ config, input: 'x', now: () => NOW, ...extra });
  return delayNode.run(ctx);
}

describe('flow.delay', () => {
  it('sleeps durably for a duration in the given unit', async () => {
    const result = await delay({ amount: 2, unit: 'minutes' });
    expect(isSuspension(result)).toBe(true);
    expect(result).toMatchObject({ kind: 'sleep', until: NOW + 120_000 });
  });

  it('sleeps until an absolute time, or continues at once when it has passed', async () => {
    expect(await delay({ mode: 'until', until: '2024-01-01T08:00:00+08:00' })).toEqual({ out: 'x' });
    expect(await delay({ mode: 'until', until: NOW + 5000 })).toMatchObject({
      kind: 'sleep',
      until: NOW + 5000,
    });
  });

  it('passes the input on when the timer fires', async () => {
    expect(await delay({ amount: 10 }, { resumed: { reason: 'timer' }, state: { until: NOW } })).toEqual({
      out: 'x',
    });
  });

  it('rejects an unusable time with a coded error', async () => {
    await expect(
      Promise.resolve().then(() => delay({ mode: 'until', until: 'tomorrow-ish' })),
    ).rejects.toMatchObject({
      code: 'JX_CONFIG_INVALID',
      details: { field: 'until' },
    });
    await expect(Promise.resolve().then(() => delay({ amount: -1 }))).rejects.toMatchObject({
      code: 'JX_CONFIG_INVALID',
      details: { field: 'amount' },
    });
  });
});
