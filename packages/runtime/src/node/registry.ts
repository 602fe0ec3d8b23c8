import { JunctionError } from '../errors/junction-error.ts';
import { sensitivePathsOf } from '../sealing/sensitive-paths.ts';
import type { NodePorts, NodeTypeDefinition, NodeTypeDescriptor } from './node-type.ts';

/**
 * Holds node types by `type` and `version`. Several versions of one type live side by side,
 * so flows saved against an old version keep running after a new one ships.
 */
export class NodeRegistry {
  readonly #types = new Map<string, Map<number, NodeTypeDefinition>>();

  /** Registers node types; registering the same type and version twice is an error. */
  // biome-ignore lint/suspicious/noExplicitAny: each definition keeps its own config type
  register(...definitions: NodeTypeDefinition<any>[]): this {
    for (const definition of definitions) {
      const versions = this.#types.get(definition.type) ?? new Map<number, NodeTypeDefinition>();
      if (versions.has(definition.version)) {
        throw new JunctionError(
          'JX_NODE_TYPE_DUPLICATE',
          `Node type ${definition.type} v${definition.version} is registered twice.`,
          { type: definition.type, version: definition.version },
        );
      }
      // A malformed `sensitiveOutputs` fails here, not at the first run that holds a card password.
      sensitivePathsOf(definition);
      versions.set(definition.version, definition as NodeTypeDefinition);
      this.#types.set(definition.type, versions);
    }
    return this;
  }

  /** The definition of `type` at `version`, or undefined. */
  find(type: string, version: number): NodeTypeDefinition | undefined {
    return this.#types.get(type)?.get(version);
  }

  /** Like {@link find} but throws `JX_NODE_TYPE_UNKNOWN`. */
  get(type: string, version: number): NodeTypeDefinition {
    const definition = this.find(type, version);
    if (!definition) {
      const known = [...(this.#types.get(type)?.keys() ?? [])].sort((a, b) => a - b);
      throw new JunctionError(
        'JX_NODE_TYPE_UNKNOWN',
        known.length
          ? `Node type ${type} has no version ${version} (known: ${known.join(', ')}).`
          : `Node type ${type} is not installed.`,
        { type, version },
      );
    }
    return definition;
  }

  /** The newest version of `type`. */
  latest(type: string): NodeTypeDefinition | undefined {
    const versions = this.#types.get(type);
    if (!versions) return undefined;
    return versions.get(Math.max(...versions.keys()));
  }

  /** Every registered definition, sorted by type then version. */
  list(): NodeTypeDefinition[] {
    return [...this.#types.values()]
      .flatMap((versions) => [...versions.values()])
      .sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version);
  }

  /**
   * Serialisable descriptors for the editor and `GET /api/node-types`. `sideEffects` and `readiness`
   * (either may be a function) are engine concerns and left out, as is `configProblems` (validation's).
   */
  descriptors(): NodeTypeDescriptor[] {
    return this.list().map(
      ({
        run: _run,
        ports,
        sideEffects: _sideEffects,
        readiness: _readiness,
        configProblems: _configProblems,
        ...rest
      }) => ({
        ...rest,
        dynamicPorts: ports !== undefined,
      }),
    );
  }
}

/** Ports of a node type for a given config (static ports unless the type derives them). */
export function portsOf(definition: NodeTypeDefinition, config: NodeTypeDefinition['config']): NodePorts {
  if (definition.ports) return definition.ports(config as never);
  return { inputs: definition.inputs, outputs: definition.outputs };
}
