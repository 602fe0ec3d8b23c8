/** Width of a flow node on the canvas (the CSS of `.jx-node` matches). */
export const NODE_WIDTH = 220;

/**
 * Height of a flow node: fixed by its port count, so React Flow knows every size before measuring and
 * can skip rendering off-screen nodes of a large flow from the first frame.
 */
export function nodeHeight(inputs: number, outputs: number): number {
  return 60 + Math.max(inputs, outputs, 1) * 14;
}

/** Diameter of a port handle (the CSS of `.jx-node .react-flow__handle` matches). */
export const HANDLE_SIZE = 11;

/** Vertical centre of port `index` of `count` ports, as a fraction of the node height. */
export function handleFraction(index: number, count: number): number {
  return (index + 1) / (count + 1);
}
