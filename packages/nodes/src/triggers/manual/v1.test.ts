import { JunctionError } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { type ManualTriggerConfig, manualTrigger } from './v1.ts';

const schema = {
  type: 'object',
  required: ['customer_order_no'],
  properties: {
    customer_order_no: { type: 'string' },
    amount: { type: 'number', minimum: 0 },
    buyer: { type: 'object', properties: { email: { type: 'string' } } },
  },
};

function run(config: ManualTriggerConfig, input: unknown) {
  const { ctx } = createTestContext({ config, input: input as never });
  return manualTrigger.run(ctx);
}

describe('trigger.manual', () => {
  it('passes a valid payload through on out', async () => {
    const input = { customer_order_no: 'A-1', amount: 5 };
    expect(await run({ inputSchema: schema }, input)).toEqual({ out: input });
  });

  it('accepts anything without a schema', async () => {
    expect(await run({}, 'hello')).toEqual({ out: 'hello' });
    expect(await run({ inputSchema: {} }, null)).toEqual({ out: null });
  });

  it('names the missing and the wrong fields, without echoing values', async () => {
    const error = await Promise.resolve()
      .then(() => run({ inputSchema: schema }, { amount: -1, buyer: { email: 42 }, secret: 'tok_123' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JunctionError);
    const junction = error as JunctionError;
    expect(junction.code).toBe('JX_INPUT_INVALID');
    expect(junction.message).toContain('input.customer_order_no is required');
    expect(junction.message).toContain('input.amount must be >= 0');
    expect(junction.message).toContain('input.buyer.email must be string');
    expect(junction.details.field).toBe('input.customer_order_no');
    expect(JSON.stringify(junction.details)).not.toContain('tok_123');
  });

  it('reports an unusable schema as a config error', async () => {
    await expect(
      Promise.resolve().then(() => run({ inputSchema: { type: 'nonsense' } }, {})),
    ).rejects.toMatchObject({ code: 'JX_CONFIG_INVALID' });
  });
});
