import type { EdgeView } from './check-edges.ts';
import type { ValidationProblem } from './validation-problem.ts';

/**
 * JX_CYCLE: depth-first search over the edges whose both ends exist.
 *
 * 1. Visit nodes in document order; each node is white (unvisited), grey (on the current path) or
 *    black (finished), so every node and edge is looked at once: O(nodes + edges).
 * 2. An edge into a grey node closes a cycle; the cycle is the path from that node to the edge's
 *    source, and the edge is reported with the nodes on the cycle in order.
 * 3. The search is iterative, so a 10,000-node chain cannot overflow the call stack.
 */
export function findCycles(nodeIds: string[], edges: EdgeView[]): ValidationProblem[] {
  const outgoing = new Map<string, EdgeView[]>();
  for (const edge of edges) {
    const list = outgoing.get(edge.source);
    if (list) list.push(edge);
    else outgoing.set(edge.source, [edge]);
  }
  const GREY = 1;
  const BLACK = 2;
  const color = new Map<string, number>();
  const problems: ValidationProblem[] = [];

  for (const root of nodeIds) {
    if (color.has(root)) continue;
    const path: string[] = [root];
    const cursor: number[] = [0];
    color.set(root, GREY);
    while (path.length) {
      const top = path.length - 1;
      const node = path[top] as string;
      const next = outgoing.get(node)?.[cursor[top] as number];
      if (!next) {
        color.set(node, BLACK);
        path.pop();
        cursor.pop();
        continue;
      }
      cursor[top] = (cursor[top] as number) + 1;
      const state = color.get(next.target);
      if (state === GREY) {
        const cycle = [...path.slice(path.lastIndexOf(next.target)), next.target];
        problems.push({
          code: 'JX_CYCLE',
          pointer: `/edges/${next.index}`,
          message: `Edge ${next.label} closes a cycle through ${cycle.join(' → ')}; a flow must not loop back, use a loop node (flow.forEach) or a poll node instead.`,
          ...(next.edgeId !== undefined ? { edgeId: next.edgeId } : {}),
        });
      } else if (state === undefined) {
        color.set(next.target, GREY);
        path.push(next.target);
        cursor.push(0);
      }
    }
  }
  return problems;
}
