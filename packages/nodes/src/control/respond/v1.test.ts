import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { respondNode } from './v1.ts';

describe('flow.respond', () => {
  it('sends the configured response and passes the input on', async () => {
    const { ctx, recorder } = createTestContext({
      config: { status: 202, headers: { 'content-type': 'text/plain' }, body: 'success' },
      input: { id: 1 },
    });
    expect(await respondNode.run(ctx)).toEqual({ out: { id: 1 } });
    expect(recorder.responses).toEqual([
      { status: 202, headers: { 'content-type': 'text/plain' }, body: 'success' },
    ]);
  });

  it('defaults to 200 with the input as body, and rejects a bad status', async () => {
    const { ctx, recorder } = createTestContext({ config: {}, input: { ok: true } });
    await respondNode.run(ctx);
    expect(recorder.responses).toEqual([{ status: 200, body: { ok: true } }]);
    const bad = createTestContext({ config: { status: 1000 } }).ctx;
    await expect(Promise.resolve().then(() => respondNode.run(bad))).rejects.toMatchObject({
      code: 'JX_CONFIG_INVALID',
      details: { field: 'status' },
    });
  });
});
