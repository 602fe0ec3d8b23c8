import { isObject, type NodeView, nodeLabel } from './flow-view.ts';
import type { ValidationProblem } from './validation-problem.ts';

/** An edge whose both ends exist, kept for the cycle check. */
export interface EdgeView {
  index: number;
  /** The edge id, or `#n` (its position) when it has none, for messages. */
  label: string;
  edgeId?: string;
  source: string;
  target: string;
}

/**
 * Edge checks: duplicate ids, ends that name no node (dangling), ports the node does not have,
 * and the same connection drawn twice. Returns the edges whose both ends (node and port) exist, so a
 * broken edge is reported once and not again as part of a cycle.
 */
export function checkEdges(
  rawEdges: unknown[],
  nodes: Map<string, NodeView>,
  problems: ValidationProblem[],
): EdgeView[] {
  const usable: EdgeView[] = [];
  const edgeIndexById = new Map<string, number>();
  const connections = new Map<string, string>();

  rawEdges.forEach((raw, index) => {
    if (!isObject(raw)) return;
    const base = `/edges/${index}`;
    const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : `#${index + 1}`;
    const edgeId = typeof raw.id === 'string' && raw.id !== '' ? raw.id : undefined;
    const tag = edgeId !== undefined ? { edgeId } : {};
    if (edgeId !== undefined) {
      const first = edgeIndexById.get(edgeId);
      if (first !== undefined) {
        problems.push({
          code: 'JX_DUPLICATE_EDGE_ID',
          pointer: `${base}/id`,
          message: `Edge #${index + 1} reuses the id ${edgeId} of edge #${first + 1}; give every edge a unique id.`,
          edgeId,
        });
      } else {
        edgeIndexById.set(edgeId, index);
      }
    }

    const ends: Array<{ side: 'source' | 'target'; node?: NodeView; port?: string }> = [];
    for (const side of ['source', 'target'] as const) {
      const ref = raw[side];
      if (!isObject(ref) || typeof ref.node !== 'string') continue;
      const node = nodes.get(ref.node);
      const port = typeof ref.port === 'string' ? ref.port : undefined;
      if (!node) {
        problems.push({
          code: 'JX_DANGLING_EDGE',
          pointer: `${base}/${side}/node`,
          message: `Edge ${id} ${side === 'source' ? 'starts at' : 'ends at'} node ${ref.node}, which does not exist; reconnect or delete the edge.`,
          ...tag,
        });
        continue;
      }
      if (port !== undefined && !checkPort(id, tag, `${base}/${side}/port`, side, node, port, problems))
        continue;
      ends.push({ side, node, ...(port !== undefined ? { port } : {}) });
    }

    const [source, target] = ends;
    if (ends.length === 2 && source?.node && target?.node) {
      const key = JSON.stringify([source.node.id, source.port, target.node.id, target.port]);
      const duplicateOf = connections.get(key);
      if (duplicateOf !== undefined) {
        problems.push({
          code: 'JX_DUPLICATE_CONNECTION',
          pointer: base,
          message: `Edge ${id} connects ${source.node.id}.${source.port} to ${target.node.id}.${target.port} a second time (as edge ${duplicateOf} does); delete one of them.`,
          ...tag,
        });
      } else {
        connections.set(key, id);
      }
      usable.push({ index, label: id, ...tag, source: source.node.id, target: target.node.id });
    }
  });
  return usable;
}

/** Checks one end's port; false (and a JX_UNKNOWN_PORT problem) when the node has no such port. */
function checkPort(
  id: string,
  tag: { edgeId?: string },
  pointer: string,
  side: 'source' | 'target',
  node: NodeView,
  port: string,
  problems: ValidationProblem[],
): boolean {
  const ports = node.ports;
  if (!ports) return true;
  if (side === 'source') {
    if (ports.outputs.includes(port)) return true;
    // `onError: route` sends the error object to an `error` port even when the type does not list one.
    if (port === 'error' && node.raw.onError === 'route') return true;
    const hint = port === 'error' ? ' To route errors there, set the node\'s "On error" to route.' : '';
    problems.push({
      code: 'JX_UNKNOWN_PORT',
      pointer,
      message: `Edge ${id} starts at output ${port} of node ${nodeLabel(node)}, which has no such output (outputs: ${ports.outputs.join(', ') || 'none'}).${hint}`,
      ...tag,
      nodeId: node.id,
    });
    return false;
  }
  if (ports.inputs.includes(port)) return true;
  problems.push({
    code: 'JX_UNKNOWN_PORT',
    pointer,
    message: ports.inputs.length
      ? `Edge ${id} ends at input ${port} of node ${nodeLabel(node)}, which has no such input (inputs: ${ports.inputs.join(', ')}).`
      : `Edge ${id} ends at node ${nodeLabel(node)}, which takes no input (triggers start a flow); delete the edge.`,
    ...tag,
    nodeId: node.id,
  });
  return false;
}
