import type { FlowDocument } from '../document/flow-types.ts';
import { DEFAULT_NODE_SIZE } from './auto-layout.ts';

/**
 * True when two nodes of `document` would cover each other on the canvas (their boxes intersect by
 * more than a third of a node), as in hand-written or generated flows that give every node the same
 * position. Nodes are swept in x order, so a laid-out 1,000-node flow is checked quickly.
 */
export function hasOverlappingNodes(document: FlowDocument): boolean {
  const { width, height } = DEFAULT_NODE_SIZE;
  const minDx = width / 3;
  const minDy = height / 3;
  const sorted = [...document.nodes].sort((a, b) => a.position.x - b.position.x);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!.position;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!.position;
      if (b.x - a.x >= width - minDx) break;
      if (Math.abs(b.y - a.y) < height - minDy) return true;
    }
  }
  return false;
}
