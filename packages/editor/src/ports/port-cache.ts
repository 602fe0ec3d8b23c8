import type { Json } from '../document/flow-types.ts';

/** Input and output port names of a node as the editor shows them. */
export interface NodePortList {
  inputs: string[];
  outputs: string[];
}

/**
 * Ports the server derived for dynamic node types, keyed by {@link portCacheKey}. Immutable: a new
 * map replaces the old one, so views that depend on it re-derive exactly when it changes.
 */
export type PortCache = ReadonlyMap<string, NodePortList>;

/** An empty cache. */
export const EMPTY_PORT_CACHE: PortCache = new Map();

/** Sorts object keys so two configs that differ only in key order share one cache entry. */
function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k] as Json)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The cache key of a node's ports: type, version and the config's canonical JSON. */
export function portCacheKey(type: string, version: number, config: Record<string, Json>): string {
  return `${type}@${version}:${canonical(config)}`;
}
