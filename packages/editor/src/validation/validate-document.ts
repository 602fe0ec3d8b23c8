import { NodeRegistry, type NodeTypeDefinition, validateFlow } from '@junction/runtime/browser';
import type { FlowDocument, NodeTypeDescriptor } from '../document/flow-types.ts';
import { portsOfNode } from '../document/ports.ts';
import { EditorError } from '../errors/editor-error.ts';
import { EMPTY_PORT_CACHE, type PortCache } from '../ports/port-cache.ts';
import type { ValidationProblem } from './problem.ts';

/** What validation needs besides the document. */
export interface ValidationContext {
  nodeTypes: NodeTypeDescriptor[];
  /** Kind of a stored credential by id, when the credential list is loaded. */
  credentialKind?: (credentialId: string) => string | undefined;
  /** The server's ports for dynamic node types; configs not in it fall back to the editor's guess. */
  ports?: PortCache;
}

const registries = new WeakMap<NodeTypeDescriptor[], WeakMap<PortCache, NodeRegistry>>();

/**
 * A registry the runtime's validator can use, rebuilt from the server's descriptors: the same checks
 * as the server, without its code. Descriptors carry no `run` (never called here) and no port function,
 * so types with dynamic ports use the server's answers in `ports` (or the canvas's guess).
 */
export function registryFromDescriptors(
  nodeTypes: NodeTypeDescriptor[],
  ports: PortCache = EMPTY_PORT_CACHE,
): NodeRegistry {
  const byPorts = registries.get(nodeTypes) ?? new WeakMap<PortCache, NodeRegistry>();
  registries.set(nodeTypes, byPorts);
  const known = byPorts.get(ports);
  if (known) return known;
  const registry = new NodeRegistry();
  for (const { dynamicPorts, ...descriptor } of nodeTypes) {
    const definition: NodeTypeDefinition = {
      ...descriptor,
      run() {
        throw new EditorError(
          'JX_EDITOR_NOT_RUNNABLE',
          'Node types are only described in the editor; runs happen on the server.',
        );
      },
    };
    if (dynamicPorts) {
      definition.ports = (config) =>
        portsOfNode(
          {
            id: '',
            type: descriptor.type,
            typeVersion: descriptor.version,
            position: { x: 0, y: 0 },
            config,
          },
          { ...descriptor, dynamicPorts },
          undefined,
          ports,
        );
    }
    registry.register(definition);
  }
  byPorts.set(ports, registry);
  return registry;
}

/**
 * Validates a document in the browser with the runtime's own `validateFlow`, so the problems (codes,
 * pointers, sentences) match what the server reports on save.
 */
export function validateDocument(document: FlowDocument, context: ValidationContext): ValidationProblem[] {
  const options = context.credentialKind ? { credentialKind: context.credentialKind } : {};
  return validateFlow(document, registryFromDescriptors(context.nodeTypes, context.ports), options);
}
