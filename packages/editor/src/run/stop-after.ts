import type { FlowDocument } from '../document/flow-types.ts';

/**
 * The nodes a "Run to here" test run leaves out: every node that is neither `stopAfter` nor upstream
 * of it. The engine skips exactly those (it runs the target and its ancestors), so the editor can tell
 * them apart from dead-path skips without the server saying why a node was skipped.
 */
export function nodesBeyondStop(document: FlowDocument, stopAfter: string): string[] {
  const sources = new Map<string, string[]>();
  for (const edge of document.edges) {
    const list = sources.get(edge.target.node) ?? [];
    list.push(edge.source.node);
    sources.set(edge.target.node, list);
  }
  const upstream = new Set<string>();
  const stack = [stopAfter];
  while (stack.length) {
    const id = stack.pop()!;
    if (upstream.has(id)) continue;
    upstream.add(id);
    stack.push(...(sources.get(id) ?? []));
  }
  return document.nodes.filter((n) => !upstream.has(n.id)).map((n) => n.id);
}
