import type { FlowDocument } from '../document/flow-types.ts';
import { problemSentence } from '../i18n/problem-sentence.ts';
import type { ValidationProblem } from './problem.ts';

/** Where a problem lives in the editor: a node (and field inside it), an edge, or the flow settings. */
export interface ProblemTarget {
  kind: 'node' | 'edge' | 'flow';
  nodeId?: string;
  edgeId?: string;
  /** Pointer relative to the node (`/config/url`, `/credentials/auth`, `/retry`). */
  field?: string;
}

/** Resolves a problem to the element it concerns, from its ids or else its pointer. */
export function targetOf(problem: ValidationProblem, document: FlowDocument): ProblemTarget {
  const match = /^\/(nodes|edges)\/(\d+)(\/.*)?$/.exec(problem.pointer);
  if (match?.[1] === 'nodes' || (problem.nodeId && !problem.edgeId)) {
    const nodeId = problem.nodeId ?? document.nodes[Number(match?.[2])]?.id;
    if (nodeId) return { kind: 'node', nodeId, field: match?.[1] === 'nodes' ? match[3] : undefined };
  }
  if (match?.[1] === 'edges' || problem.edgeId) {
    const edgeId = problem.edgeId ?? document.edges[Number(match?.[2])]?.id;
    if (edgeId) return { kind: 'edge', edgeId, nodeId: problem.nodeId };
  }
  return { kind: 'flow', field: problem.pointer };
}

/** Groups problems by the node they concern, for the canvas markers. */
export function problemsByNode(
  problems: ValidationProblem[],
  document: FlowDocument,
): Map<string, ValidationProblem[]> {
  const map = new Map<string, ValidationProblem[]>();
  for (const problem of problems) {
    const target = targetOf(problem, document);
    const nodeId = target.kind === 'node' ? target.nodeId : undefined;
    if (!nodeId) continue;
    const list = map.get(nodeId) ?? [];
    list.push(problem);
    map.set(nodeId, list);
  }
  return map;
}

/** Problems of one node by field pointer relative to the node (`/config/url`), for inline form errors (in the editor's language). */
export function problemsByField(
  problems: ValidationProblem[],
  document: FlowDocument,
  nodeId: string,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const problem of problems) {
    const target = targetOf(problem, document);
    if (target.kind !== 'node' || target.nodeId !== nodeId || !target.field) continue;
    if (!map.has(target.field)) map.set(target.field, problemSentence(problem));
  }
  return map;
}
