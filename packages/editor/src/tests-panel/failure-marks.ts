import type { CaseResult, FlowTestFile } from '../api/flow-test-types.ts';
import type { FlowDocument } from '../document/flow-types.ts';

/** One failure shown on a node of the canvas: which case failed there and why. */
export interface NodeTestFailure {
  caseName: string;
  message: string;
}

const unescapePart = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * The node a failure concerns: the id the server named, else the one its pointer names —
 * `/expect/nodes/<id>/…`, `/mocks/<id>`, or an entry of `/expect/ran|notRan|ranOnce/<i>` (looked up
 * in the case). Undefined for failures about the whole run (status, answer) or nodes the open
 * document no longer has.
 */
export function failureNodeId(
  failure: { pointer: string; nodeId?: string },
  testCase: { mocks?: object; expect?: Record<string, unknown> } | undefined,
  nodeIds: ReadonlySet<string>,
): string | undefined {
  if (failure.nodeId) return nodeIds.has(failure.nodeId) ? failure.nodeId : undefined;
  const parts = failure.pointer.split('/').slice(1).map(unescapePart);
  let id: unknown;
  if (parts[0] === 'expect' && parts[1] === 'nodes') id = parts[2];
  else if (parts[0] === 'mocks') id = parts[1];
  else if (parts[0] === 'expect' && ['ran', 'notRan', 'ranOnce'].includes(parts[1] ?? '')) {
    const list = testCase?.expect?.[parts[1] as string];
    id = Array.isArray(list) ? list[Number(parts[2])] : undefined;
  }
  return typeof id === 'string' && nodeIds.has(id) ? id : undefined;
}

/** Failures of the last results grouped by the node they concern, for the canvas markers. */
export function failuresByNode(
  results: readonly CaseResult[],
  file: FlowTestFile | null,
  document: FlowDocument,
): Map<string, NodeTestFailure[]> {
  const nodeIds = new Set(document.nodes.map((n) => n.id));
  const byNode = new Map<string, NodeTestFailure[]>();
  for (const result of results) {
    const testCase = file?.cases.find((c) => c.name === result.name);
    for (const failure of result.failures) {
      const nodeId = failureNodeId(failure, testCase, nodeIds);
      if (!nodeId) continue;
      const list = byNode.get(nodeId) ?? [];
      list.push({ caseName: result.name, message: failure.message });
      byNode.set(nodeId, list);
    }
  }
  return byNode;
}
