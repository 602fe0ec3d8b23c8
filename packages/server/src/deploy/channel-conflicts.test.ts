import type { FlowDocument, FlowNode } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { conflictMessage, findChannelConflicts, type VersionedDocument } from './channel-conflicts.ts';

function awaitNode(id: string, config: Record<string, string>, verify?: string): FlowNode {
  return {
    id,
    type: 'callback.await',
    typeVersion: 1,
    position: { x: 0, y: 0 },
    config: { correlationKey: '=order', ...config },
    ...(verify ? { credentials: { verify } } : {}),
  };
}

function flow(flowId: string, version: number | null, ...nodes: FlowNode[]): VersionedDocument {
  const document = { schemaVersion: 1, id: flowId, name: flowId, nodes, edges: [] } as FlowDocument;
  return { flowId, version, document };
}

describe('findChannelConflicts', () => {
  const deployed = flow('top-up', 2, awaitNode('awaitTopUp', { channel: 'card-platform' }, 'sig-a'));

  it('accepts nodes that agree on every channel setting, and other channels', () => {
    const agrees = flow('order-card', 1, awaitNode('awaitCard', { channel: 'card-platform' }, 'sig-a'));
    const elsewhere = flow('refund', 1, awaitNode('awaitRefund', { channel: 'refunds', ack: 'OK' }));
    expect(findChannelConflicts([agrees, elsewhere], [deployed])).toEqual([]);
  });

  it('names the channel, both nodes and the first differing setting', () => {
    const candidate = flow(
      'order-card',
      3,
      awaitNode('awaitCard', { channel: 'card-platform', keyPath: 'out_trade_no', ack: 'OK' }, 'sig-a'),
    );
    const [conflict, ...rest] = findChannelConflicts([candidate], [deployed]);
    expect(rest).toEqual([]);
    expect(conflict).toEqual({
      channel: 'card-platform',
      setting: 'keyPath',
      node: { flowId: 'order-card', version: 3, nodeId: 'awaitCard', value: 'out_trade_no' },
      other: { flowId: 'top-up', version: 2, nodeId: 'awaitTopUp', value: 'customer_order_no' },
    });
    expect(conflictMessage(conflict!)).toBe(
      'Channel card-platform is awaited by node awaitTopUp of flow top-up v2 with keyPath "customer_order_no", ' +
        'but node awaitCard of flow order-card v3 uses "out_trade_no". Callbacks on one channel are verified ' +
        'and acknowledged with one set of settings: make the keyPath the same, or give one of them its own channel.',
    );
  });

  it('treats a missing verification credential as a different credential', () => {
    const unverified = flow('order-card', null, awaitNode('awaitCard', { channel: 'card-platform' }));
    const [conflict] = findChannelConflicts([unverified], [deployed]);
    expect(conflict).toMatchObject({
      setting: 'credential',
      node: { value: null },
      other: { value: 'sig-a' },
    });
    expect(conflictMessage(conflict!)).toContain('uses no verification');
  });

  it('compares candidates with each other (a main version and its canary)', () => {
    const main = flow('order-card', 1, awaitNode('wait', { channel: 'orders' }));
    const canary = flow('order-card', 2, awaitNode('wait', { channel: 'orders', ack: 'OK' }));
    expect(findChannelConflicts([main, canary], [])).toMatchObject([
      { setting: 'ack', node: { version: 2, value: 'OK' }, other: { version: 1, value: 'success' } },
    ]);
  });

  it('ignores disabled nodes and timeouts', () => {
    const disabled = { ...awaitNode('old', { channel: 'card-platform', ack: 'OK' }), disabled: true };
    const longer = awaitNode('wait', { channel: 'card-platform' }, 'sig-a');
    longer.config.timeoutMs = 5;
    expect(findChannelConflicts([flow('order-card', 1, disabled, longer)], [deployed])).toEqual([]);
  });
});
