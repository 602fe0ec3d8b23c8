import { describe, expect, it } from 'vitest';
import { generateFlow } from '../../bench/generate-flow.ts';
import { orderFlow } from '../../test/support/fixtures.ts';
import { hasOverlappingNodes } from './overlap.ts';

describe('hasOverlappingNodes', () => {
  it('finds nodes that share one position', () => {
    const flow = orderFlow();
    const stacked = { ...flow, nodes: flow.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) };
    expect(hasOverlappingNodes(stacked)).toBe(true);
    const nudged = { ...flow, nodes: flow.nodes.map((n, i) => ({ ...n, position: { x: i * 60, y: 10 } })) };
    expect(hasOverlappingNodes(nudged)).toBe(true);
  });

  it('accepts laid-out flows, small and large', () => {
    expect(hasOverlappingNodes(orderFlow())).toBe(false);
    expect(hasOverlappingNodes(generateFlow(1000))).toBe(false);
  });
});
