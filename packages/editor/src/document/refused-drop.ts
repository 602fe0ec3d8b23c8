import { translator } from '../i18n/i18n.ts';
import type { PortCache } from '../ports/port-cache.ts';
import { type ConnectionVerdict, checkConnection } from './connect.ts';
import type { FlowDocument } from './flow-types.ts';
import type { DescribeNode } from './node-types.ts';
import { portsOfNode } from './ports.ts';
import type { DanglingEnd } from './quick-add.ts';

/**
 * Why a connection drag that ended without an edge was refused, for the drops React Flow decides on
 * its own and never asks `isValidConnection` about:
 *
 * 1. Onto a port of the same kind (output → output, input → input).
 * 2. Onto a node's body away from its ports, such as a trigger, which has no input at all.
 * 3. Onto a port of the other kind: the usual {@link checkConnection} verdict (cycle, duplicate, …).
 *
 * `to` is the port under the pointer, `overNode` the node under it. A drop on empty canvas or back
 * on the node it started from is no refusal (`ok`): the first opens quick add, the second is a cancel.
 */
export function explainRefusedDrop(
  document: FlowDocument,
  from: DanglingEnd,
  to: DanglingEnd | null,
  overNode: string | null,
  describe: DescribeNode,
  known?: PortCache,
): ConnectionVerdict {
  const targetId = to?.node ?? overNode;
  const target = document.nodes.find((n) => n.id === targetId);
  if (!target || (!to && target.id === from.node)) return { ok: true };
  const label = target.name ?? target.id;
  const ports = portsOfNode(target, describe(target), undefined, known);
  if (from.side === 'source' && ports.inputs.length === 0) {
    return checkConnection(document, from, { node: target.id, port: 'in' }, describe, known);
  }
  if (to && to.side === from.side) {
    return from.side === 'source'
      ? {
          ok: false,
          code: 'JX_EDITOR_EDGE_DIRECTION',
          reason: `"${to.port}" of ${label} is an output too: drag from an output (right edge) to an input (left edge).`,
        }
      : {
          ok: false,
          code: 'JX_EDITOR_EDGE_DIRECTION',
          reason: `"${to.port}" of ${label} is an input too: connect an input (left edge) to an output (right edge).`,
        };
  }
  if (to) {
    const [source, target] = from.side === 'source' ? [from, to] : [to, from];
    return checkConnection(document, source, target, describe, known);
  }
  if (from.side === 'target' && ports.outputs.length === 0) {
    return {
      ok: false,
      code: 'JX_FLOW_PORT_UNKNOWN',
      reason: translator().t('connect.noOutput', { node: label }),
    };
  }
  return {
    ok: false,
    code: 'JX_EDITOR_EDGE_MISSED_PORT',
    reason:
      from.side === 'source'
        ? translator().t('connect.dropOnInput', { node: label })
        : translator().t('connect.dropOnOutput', { node: label }),
  };
}
