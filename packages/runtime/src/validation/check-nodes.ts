import { JunctionError } from '../errors/junction-error.ts';
import { compileExpression } from '../expression/compile-expression.ts';
import { listExpressions } from '../expression/list-expressions.ts';
import type { Json } from '../flow/json.ts';
import type { NodeRegistry } from '../node/registry.ts';
import { portsOf } from '../node/registry.ts';
import { checkConfig } from './check-config.ts';
import { type CredentialKindLookup, checkCredentials } from './check-credentials.ts';
import { dotted } from './describe-location.ts';
import { isObject, type NodeView } from './flow-view.ts';
import type { ValidationProblem } from './validation-problem.ts';

/**
 * Per-node checks: duplicate ids, unknown type or version, config against the type's schema,
 * expression syntax and credentials. Returns the usable nodes by id (first one wins on duplicates).
 */
export function checkNodes(
  rawNodes: unknown[],
  registry: NodeRegistry,
  credentialKind: CredentialKindLookup | undefined,
  problems: ValidationProblem[],
): Map<string, NodeView> {
  const views = new Map<string, NodeView>();
  const versionsByType = new Map<string, number[]>();
  for (const definition of registry.list()) {
    versionsByType.set(definition.type, [...(versionsByType.get(definition.type) ?? []), definition.version]);
  }

  rawNodes.forEach((raw, index) => {
    if (!isObject(raw) || typeof raw.id !== 'string' || raw.id === '') return;
    const base = `/nodes/${index}`;
    const view: NodeView = { index, id: raw.id, raw };
    const first = views.get(raw.id);
    if (first) {
      problems.push({
        code: 'JX_DUPLICATE_NODE_ID',
        pointer: `${base}/id`,
        message: `Node #${index + 1} reuses the id ${raw.id} of node #${first.index + 1}; give every node a unique id.`,
        nodeId: raw.id,
      });
    } else {
      views.set(raw.id, view);
    }

    if (typeof raw.type === 'string' && Number.isInteger(raw.typeVersion)) {
      const version = raw.typeVersion as number;
      view.definition = registry.find(raw.type, version);
      if (!view.definition) {
        const known = versionsByType.get(raw.type);
        problems.push({
          code: 'JX_UNKNOWN_NODE_TYPE',
          pointer: known ? `${base}/typeVersion` : `${base}/type`,
          message: known
            ? `Node ${raw.id} uses ${raw.type} version ${version}, which is not installed (installed: ${known.join(', ')}); pick an installed version.`
            : `Node ${raw.id} uses the node type ${raw.type}, which is not installed; check the type name or install the package that provides it.`,
          nodeId: raw.id,
        });
      }
    }

    if (isObject(raw.config)) {
      checkExpressions(raw.id, raw.config as Record<string, Json>, `${base}/config`, problems);
      if (view.definition) {
        checkConfig(view, raw.config, `${base}/config`, problems);
        try {
          view.ports = portsOf(view.definition, raw.config);
        } catch {
          // Ports derived from a broken config are unknowable; the config problem is already reported.
        }
      }
    }
    if (view.definition) checkCredentials(view, base, credentialKind, problems);
  });
  return views;
}

function checkExpressions(
  nodeId: string,
  config: Record<string, Json>,
  base: string,
  problems: ValidationProblem[],
): void {
  for (const { pointer, source } of listExpressions(config)) {
    try {
      compileExpression(source);
    } catch (error) {
      const detail = error instanceof JunctionError ? error.details : {};
      const position = typeof detail.position === 'number' ? ` at position ${detail.position}` : '';
      const reason = typeof detail.jsonataMessage === 'string' ? detail.jsonataMessage : String(error);
      problems.push({
        code: 'JX_EXPRESSION_SYNTAX',
        pointer: base + pointer,
        message: `Node ${nodeId}: the expression in config field ${dotted(pointer)} does not parse${position}: ${reason}.`,
        nodeId,
      });
    }
  }
}
