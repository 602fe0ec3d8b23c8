import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../document/flow-types.ts';
import { nodesBeyondStop } from './stop-after.ts';

const node = (id: string) => ({ id, type: 't', typeVersion: 1, position: { x: 0, y: 0 }, config: {} });
const edge = (from: string, to: string) => ({
  id: `${from}-${to}`,
  source: { node: from, port: 'out' },
  target: { node: to, port: 'in' },
});

// start → a → b → c, start → side; d joins a and side.
const flow = {
  schemaVersion: 1,
  id: 'stop',
  name: 'Stop',
  nodes: ['start', 'a', 'b', 'c', 'side', 'd'].map(node),
  edges: [
    edge('start', 'a'),
    edge('a', 'b'),
    edge('b', 'c'),
    edge('start', 'side'),
    edge('a', 'd'),
    edge('side', 'd'),
  ],
} as FlowDocument;

describe('nodesBeyondStop', () => {
  it('leaves out every node that is neither the stop node nor upstream of it', () => {
    expect(nodesBeyondStop(flow, 'b').sort()).toEqual(['c', 'd', 'side']);
  });

  it('keeps every ancestor of a join', () => {
    expect(nodesBeyondStop(flow, 'd').sort()).toEqual(['b', 'c']);
  });

  it('leaves out nothing when stopping at the only sink of a chain', () => {
    const chain = { ...flow, nodes: flow.nodes.slice(0, 4), edges: flow.edges.slice(0, 3) } as FlowDocument;
    expect(nodesBeyondStop(chain, 'c')).toEqual([]);
  });
});
