import jsonata from 'jsonata';
import { reaches } from '../document/connect.ts';
import type { FlowDocument, Json, NodeTypeDescriptor } from '../document/flow-types.ts';
import { portsOfNode } from '../document/ports.ts';
import { isExpression, validateConfig } from './config-validator.ts';
import type { ValidationProblem } from './problem.ts';

/** What local validation needs to know beyond the document. */
export interface ValidationContext {
  describe(type: string): NodeTypeDescriptor | undefined;
  /** Credential kinds by credential id, when the credential list is loaded. */
  credentialKinds?: Map<string, string>;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function expressionProblems(value: Json, pointer: string, nodeId: string, out: ValidationProblem[]): void {
  if (isExpression(value)) {
    try {
      jsonata(value.slice(1));
    } catch (error) {
      const message = (error as { message?: string }).message ?? String(error);
      out.push({
        code: 'JX_EXPRESSION_SYNTAX',
        pointer,
        nodeId,
        message: `Expression does not parse: ${message}`,
      });
    }
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) expressionProblems(item, `${pointer}/${i}`, nodeId, out);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      expressionProblems(item, `${pointer}/${escapePointer(key)}`, nodeId, out);
    }
  }
}

/**
 * Validates a document in the browser, with the checks the server runs: unknown types and ports,
 * dangling edges, cycles, config against the node type's schema, expressions that do not parse and
 * credentials that are missing or of the wrong kind. Problems come in document order.
 */
export function validateDocument(document: FlowDocument, context: ValidationContext): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (!document.name.trim()) {
    problems.push({ code: 'JX_FLOW_SCHEMA', pointer: '/name', message: 'Give the flow a name.' });
  }
  const ids = new Map<string, number>();
  document.nodes.forEach((node, index) => {
    const base = `/nodes/${index}`;
    if (ids.has(node.id)) {
      problems.push({
        code: 'JX_FLOW_NODE_DUPLICATE',
        pointer: `${base}/id`,
        nodeId: node.id,
        message: `Two nodes share the id "${node.id}".`,
      });
    }
    ids.set(node.id, index);
    const descriptor = context.describe(node.type);
    if (!descriptor) {
      problems.push({
        code: 'JX_NODE_TYPE_UNKNOWN',
        pointer: `${base}/type`,
        nodeId: node.id,
        message: `Node type ${node.type} is not installed on this server.`,
      });
      return;
    }
    for (const error of validateConfig(descriptor.config, node.config)) {
      problems.push({
        code: 'JX_FLOW_CONFIG_INVALID',
        pointer: `${base}/config${error.pointer}`,
        nodeId: node.id,
        message: error.message,
      });
    }
    expressionProblems(node.config, `${base}/config`, node.id, problems);
    for (const [slot, spec] of Object.entries(descriptor.credentials ?? {})) {
      const credentialId = node.credentials?.[slot];
      const pointer = `${base}/credentials/${escapePointer(slot)}`;
      if (!credentialId) {
        if (!spec.optional) {
          problems.push({
            code: 'JX_FLOW_CREDENTIAL_MISSING',
            pointer,
            nodeId: node.id,
            message: `Choose a ${spec.kinds.join(' or ')} credential for "${spec.title ?? slot}".`,
          });
        }
        continue;
      }
      const kind = context.credentialKinds?.get(credentialId);
      if (context.credentialKinds && kind === undefined) {
        problems.push({
          code: 'JX_FLOW_CREDENTIAL_UNKNOWN',
          pointer,
          nodeId: node.id,
          message: `Credential "${credentialId}" does not exist.`,
        });
      } else if (kind !== undefined && !spec.kinds.includes(kind)) {
        problems.push({
          code: 'JX_FLOW_CREDENTIAL_KIND',
          pointer,
          nodeId: node.id,
          message: `"${spec.title ?? slot}" needs a ${spec.kinds.join(' or ')} credential, not ${kind}.`,
        });
      }
    }
  });
  document.edges.forEach((edge, index) => {
    const pointer = `/edges/${index}`;
    const from = document.nodes[ids.get(edge.source.node) ?? -1];
    const to = document.nodes[ids.get(edge.target.node) ?? -1];
    if (!from || !to) {
      const missing = from ? edge.target.node : edge.source.node;
      problems.push({
        code: 'JX_FLOW_EDGE_DANGLING',
        pointer,
        edgeId: edge.id,
        message: `Edge ${edge.id} points to node "${missing}", which does not exist.`,
      });
      return;
    }
    const fromPorts = portsOfNode(from, context.describe(from.type), document);
    const toPorts = portsOfNode(to, context.describe(to.type), document);
    if (context.describe(from.type) && !fromPorts.outputs.includes(edge.source.port)) {
      problems.push({
        code: 'JX_FLOW_PORT_UNKNOWN',
        pointer: `${pointer}/source/port`,
        edgeId: edge.id,
        nodeId: from.id,
        message: `${from.name ?? from.id} has no output "${edge.source.port}".`,
      });
    }
    if (context.describe(to.type) && !toPorts.inputs.includes(edge.target.port)) {
      problems.push({
        code: 'JX_FLOW_PORT_UNKNOWN',
        pointer: `${pointer}/target/port`,
        edgeId: edge.id,
        nodeId: to.id,
        message: `${to.name ?? to.id} has no input "${edge.target.port}".`,
      });
    }
    const without = { ...document, edges: document.edges.filter((e) => e !== edge) };
    if (reaches(without, to.id, from.id)) {
      problems.push({
        code: 'JX_FLOW_CYCLE',
        pointer,
        edgeId: edge.id,
        nodeId: to.id,
        message: `Edge ${edge.id} closes a cycle through ${from.name ?? from.id} → ${to.name ?? to.id}.`,
      });
    }
  });
  return problems;
}
