import { NodeRegistry } from '@junction/runtime';
import type { EgressPolicy } from '../http/egress/egress-policy.ts';
import { withEgressPolicy } from '../http/egress/egress-scope.ts';
import { builtinNodes } from './builtin-nodes.ts';

/** Options of {@link createBuiltinRegistry}. */
export interface BuiltinRegistryOptions {
  /**
   * Where the nodes' outbound requests may go (see `createEgressPolicy`). Default: the strict policy,
   * public addresses only.
   */
  egress?: EgressPolicy;
}

/** A fresh registry holding every built-in node type (see {@link builtinNodes}). */
export function createBuiltinRegistry(options: BuiltinRegistryOptions = {}): NodeRegistry {
  const { egress } = options;
  const definitions = egress
    ? builtinNodes.map((definition) => withEgressPolicy(definition, egress))
    : builtinNodes;
  return new NodeRegistry().register(...definitions);
}
