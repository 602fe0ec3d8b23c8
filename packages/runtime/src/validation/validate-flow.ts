import type { NodeRegistry } from '../node/registry.ts';
import type { CredentialKindLookup } from './check-credentials.ts';
import { checkEdges } from './check-edges.ts';
import { checkNodes } from './check-nodes.ts';
import { checkSchema } from './check-schema.ts';
import { findCycles } from './find-cycles.ts';
import { isObject, type NodeView } from './flow-view.ts';
import type { ValidationProblem } from './validation-problem.ts';

/** Options of {@link validateFlow}. */
export interface ValidateFlowOptions {
  /**
   * Kind of a stored credential by id (undefined: no such credential). When given, credentials that do
   * not exist (`JX_CREDENTIAL_NOT_FOUND`) or whose kind a slot refuses (`JX_CREDENTIAL_KIND`) are reported.
   */
  credentialKind?: CredentialKindLookup;
}

/**
 * Checks a flow document (parsed JSON, not necessarily valid) against the flow schema and the node
 * types in `registry`, and returns EVERY problem found, in document order per check (empty: valid).
 * Schema errors do not stop the other checks: whatever part of the document is still usable
 * (nodes with an id, edges with ends) is checked for ids, types, configs, expressions, credentials,
 * ports, dangling edges, cycles and triggers. Never throws on bad input.
 */
export function validateFlow(
  doc: unknown,
  registry: NodeRegistry,
  options: ValidateFlowOptions = {},
): ValidationProblem[] {
  const problems = checkSchema(doc);
  if (!isObject(doc)) return problems;
  const rawNodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const rawEdges = Array.isArray(doc.edges) ? doc.edges : [];

  const nodes = checkNodes(rawNodes, registry, options.credentialKind, problems);
  const edges = checkEdges(rawEdges, nodes, problems);
  problems.push(...findCycles([...nodes.keys()], edges));
  const trigger = Array.isArray(doc.nodes) ? checkTrigger(rawNodes.length, [...nodes.values()]) : undefined;
  if (trigger) problems.push(trigger);
  return problems;
}

/** JX_NO_TRIGGER, unless a node of unknown type might be the trigger (that is reported already). */
function checkTrigger(nodeCount: number, nodes: NodeView[]): ValidationProblem | undefined {
  if (nodes.length < nodeCount || nodes.some((node) => !node.definition)) return undefined;
  const triggers = nodes.filter((node) => node.definition?.trigger);
  if (triggers.length === 0) {
    return {
      code: 'JX_NO_TRIGGER',
      pointer: '/nodes',
      message:
        'The flow has no trigger node, so it can never start; add a trigger (manual, webhook or schedule).',
    };
  }
  if (triggers.every((node) => node.raw.disabled === true)) {
    return {
      code: 'JX_NO_TRIGGER',
      pointer: `/nodes/${triggers[0]?.index}/disabled`,
      message: 'Every trigger node of the flow is disabled, so it can never start; enable one.',
      nodeId: triggers[0]?.id as string,
    };
  }
  return undefined;
}
