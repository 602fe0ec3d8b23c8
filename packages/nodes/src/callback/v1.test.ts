import { type FlowNode, isSuspension, type NodeResult } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../testing/create-test-context.ts';
import { describeCallbackAwait } from './describe-callback-await.ts';
import { readKeyPath } from './key-path.ts';
import { type CallbackAwaitConfig, callbackAwaitNode } from './v1.ts';

const config: CallbackAwaitConfig = { channel: 'card-orders', correlationKey: 'JX123', timeoutMs: 60_000 };

describe('callback.await', () => {
  it('suspends on (channel, key) with a deadline on first run', async () => {
    const { ctx } = createTestContext({ config, now: () => 1_000 });
    const result = (await callbackAwaitNode.run(ctx)) as NodeResult;
    expect(isSuspension(result)).toBe(true);
    expect(result).toMatchObject({
      kind: 'wait',
      channel: 'card-orders',
      key: 'JX123',
      state: { since: 1_000 },
    });
  });

  it('emits the callback payload on resume', async () => {
    const payload = { customer_order_no: 'JX123', order_status: 'success' };
    const { ctx } = createTestContext({
      config,
      resumed: { reason: 'callback', channel: 'card-orders', key: 'JX123', payload },
    });
    expect(await callbackAwaitNode.run(ctx)).toEqual({ callback: payload });
  });

  it('emits on timeout with how long it waited', async () => {
    const { ctx } = createTestContext({
      config,
      resumed: { reason: 'timeout', channel: 'card-orders', key: 'JX123' },
      state: { since: 1_000 },
      now: () => 61_000,
    });
    expect(await callbackAwaitNode.run(ctx)).toEqual({
      timeout: { channel: 'card-orders', key: 'JX123', waitedMs: 60_000 },
    });
  });

  it('names the field when the correlation key resolved to nothing', async () => {
    const { ctx } = createTestContext({ config: { ...config, correlationKey: null } });
    expect(() => callbackAwaitNode.run(ctx)).toThrow(
      expect.objectContaining({
        code: 'JX_INPUT_INVALID',
        details: expect.objectContaining({ field: 'correlationKey' }),
      }),
    );
  });
});

describe('describeCallbackAwait', () => {
  const node: FlowNode = {
    id: 'await1',
    type: 'callback.await',
    typeVersion: 1,
    position: { x: 0, y: 0 },
    config: { channel: 'card-orders', correlationKey: '=customer_order_no' },
    credentials: { verify: 'cred-cp' },
  };

  it('describes routing with defaults filled in', () => {
    expect(describeCallbackAwait(node)).toEqual({
      nodeId: 'await1',
      channel: 'card-orders',
      keyPath: 'customer_order_no',
      ack: 'success',
      credentialId: 'cred-cp',
      timeoutMs: 86_400_000,
    });
    expect(describeCallbackAwait({ ...node, type: 'http.request' })).toBeUndefined();
  });
});

describe('readKeyPath', () => {
  it('reads nested scalars as strings', () => {
    expect(readKeyPath({ a: { b: 12 } }, 'a.b')).toBe('12');
    expect(readKeyPath({ a: 'x' }, 'a')).toBe('x');
    expect(readKeyPath({ a: { b: {} } }, 'a.b')).toBeUndefined();
    expect(readKeyPath('text', 'a')).toBeUndefined();
    expect(readKeyPath({ a: '' }, 'a')).toBeUndefined();
  });
});
