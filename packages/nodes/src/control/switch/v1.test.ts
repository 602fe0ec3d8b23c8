import { portsOf } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { type SwitchConfig, switchNode } from './v1.ts';

async function route(config: SwitchConfig) {
  const { ctx } = createTestContext({ config, input: 'payload' });
  return switchNode.run(ctx);
}

describe('flow.switch', () => {
  const byState: SwitchConfig = {
    value: 'failed',
    cases: [
      { name: 'success', equals: 'success' },
      { name: 'failed', equals: 'failed' },
      { condition: true },
    ],
  };

  it('derives ports from the cases', () => {
    expect(portsOf(switchNode as never, byState)).toEqual({
      inputs: ['in'],
      outputs: ['success', 'failed', 'case2', 'default'],
    });
  });

  it('fires the first matching case only by default', async () => {
    expect(await route(byState)).toEqual({ failed: 'payload' });
  });

  it('fires every matching case in "all" mode', async () => {
    expect(await route({ ...byState, mode: 'all' })).toEqual({ failed: 'payload', case2: 'payload' });
  });

  it('falls back to default and compares objects deeply', async () => {
    expect(await route({ value: 'processing', cases: [{ equals: 'success' }] })).toEqual({
      default: 'payload',
    });
    expect(await route({ value: { b: 2, a: 1 }, cases: [{ equals: { a: 1, b: 2 } }] })).toEqual({
      case0: 'payload',
    });
  });

  it('rejects two cases with the same port name', async () => {
    await expect(
      Promise.resolve().then(() => route({ cases: [{ name: 'x', condition: false }, { name: 'x' }] })),
    ).rejects.toMatchObject({ code: 'JX_CONFIG_INVALID', details: { field: 'cases[1].name' } });
  });
});
