import {
  type FlowDocument,
  type FlowNode,
  isSuspension,
  NodeRegistry,
  type NodeResult,
  SUBFLOW_CHANNEL,
  validateFlow,
} from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../testing/create-test-context.ts';
import { manualTrigger } from '../triggers/manual/v1.ts';
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

  it('hands its until condition to the engine with the wait, and refuses one that is no expression', async () => {
    const until = "=order_status in ['success', 'failed']";
    const { ctx } = createTestContext({ config: { ...config, until }, now: () => 1_000 });
    expect(await callbackAwaitNode.run(ctx)).toMatchObject({ kind: 'wait', key: 'JX123', accept: until });
    const plain = createTestContext({ config, now: () => 1_000 }).ctx;
    expect(await callbackAwaitNode.run(plain)).not.toHaveProperty('accept');
    const bad = createTestContext({ config: { ...config, until: 'success' } }).ctx;
    expect(() => callbackAwaitNode.run(bad)).toThrow(expect.objectContaining({ code: 'JX_CONFIG_INVALID' }));
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
      keyFrom: 'body',
      ack: 'success',
      credentialId: 'cred-cp',
      timeoutMs: 86_400_000,
    });
    const conventions = {
      keyFrom: 'header',
      keyPath: 'X-Order',
      ack: { body: { code: 0 } },
      refusal: 'FAIL',
    };
    expect(describeCallbackAwait({ ...node, config: { ...node.config, ...conventions } })).toMatchObject(
      conventions,
    );
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

describe('callback.await channel names', () => {
  it('refuses the engine-reserved "junction." prefix, so no callback can reach an internal channel', () => {
    const registry = new NodeRegistry().register(manualTrigger, callbackAwaitNode);
    const flow = (channel: string): FlowDocument => ({
      schemaVersion: 1,
      id: 'reserved',
      name: 'reserved',
      nodes: [
        { id: 't', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
        {
          id: 'w',
          type: 'callback.await',
          typeVersion: 1,
          position: { x: 1, y: 0 },
          config: { channel, correlationKey: '=order_no' },
        },
      ],
      edges: [{ id: 'e', source: { node: 't', port: 'out' }, target: { node: 'w', port: 'in' } }],
    });
    expect(validateFlow(flow(SUBFLOW_CHANNEL), registry).map((p) => p.pointer)).toEqual([
      '/nodes/1/config/channel',
    ]);
    expect(validateFlow(flow('card-platform'), registry)).toEqual([]);
  });
});
