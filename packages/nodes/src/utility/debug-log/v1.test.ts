import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { debugLogNode } from './v1.ts';

describe('debug.log', () => {
  it('logs the message with the input at the chosen level and passes the input on', async () => {
    const { ctx, recorder } = createTestContext({
      config: { level: 'warn' as const, message: 'Order created' },
      input: { id: 1 },
    });
    expect(await debugLogNode.run(ctx)).toEqual({ out: { id: 1 } });
    expect(recorder.logs).toEqual([
      { level: 'warn', message: 'Order created', fields: { value: { id: 1 } } },
    ]);
  });

  it('logs a configured value instead, at info by default', async () => {
    const { ctx, recorder } = createTestContext({ config: { value: 42 }, input: 'in' });
    await debugLogNode.run(ctx);
    expect(recorder.logs).toEqual([{ level: 'info', message: 'debug', fields: { value: 42 } }]);
  });
});
