import type { ELK as ElkInstance } from 'elkjs/lib/elk-api.js';
import type { FlowDocument } from '../document/flow-types.ts';

type ElkConstructor = new () => ElkInstance;
type ElkModule = ElkConstructor | { default: ElkConstructor };

/** Node size used for layout when the canvas has not measured a node yet. */
export const DEFAULT_NODE_SIZE = { width: 220, height: 84 };

/**
 * Computes a left-to-right layered layout with elkjs. elkjs is ~1.6 MB, so it is imported on first
 * use and never weighs on the initial bundle. Returns new positions for every node.
 */
export async function computeLayout(
  document: FlowDocument,
  sizes: Map<string, { width: number; height: number }> = new Map(),
): Promise<Record<string, { x: number; y: number }>> {
  const module = (await import('elkjs/lib/elk.bundled.js')) as unknown as { default: ElkModule };
  // CommonJS interop: the constructor is `default` under Vite and `default.default` under Node.
  const ELK = 'default' in module.default ? module.default.default : module.default;
  const elk = new ELK();
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: document.nodes.map((node) => ({ id: node.id, ...(sizes.get(node.id) ?? DEFAULT_NODE_SIZE) })),
    edges: document.edges
      .filter((e) => e.source.node !== e.target.node)
      .map((edge) => ({ id: edge.id, sources: [edge.source.node], targets: [edge.target.node] })),
  });
  const positions: Record<string, { x: number; y: number }> = {};
  for (const child of graph.children ?? []) {
    positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  }
  return positions;
}
