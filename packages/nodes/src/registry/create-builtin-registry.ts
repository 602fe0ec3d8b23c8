import { NodeRegistry } from '@junction/runtime';
import { builtinNodes } from './builtin-nodes.ts';

/** A fresh registry holding every built-in node type (see {@link builtinNodes}). */
export function createBuiltinRegistry(): NodeRegistry {
  return new NodeRegistry().register(...builtinNodes);
}
