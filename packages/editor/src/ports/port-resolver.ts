import type { ApiClient } from '../api/api-client.ts';
import type { FlowNode } from '../document/flow-types.ts';
import { describeNode } from '../document/node-types.ts';
import type { EditorStore } from '../store/editor-store.ts';
import { type NodePortList, portCacheKey } from './port-cache.ts';

/** Options of {@link createPortResolver}. */
export interface PortResolverOptions {
  store: EditorStore;
  api: ApiClient;
  /** Wait this long after the last edit before asking, so typing a case name is one request. */
  debounceMs?: number;
  /** Oldest entries are dropped past this many, so a long session does not grow without bound. */
  maxEntries?: number;
}

/** A running resolver; `destroy` stops listening and drops pending work. */
export interface PortResolver {
  /** Resolves ports of every dynamic node now, without the debounce (tests, first load). */
  flush(): Promise<void>;
  destroy(): void;
}

/**
 * Keeps `state.ports` in step with the document: whenever a node of a type with dynamic ports has a
 * config whose ports are not cached, it asks `POST /api/node-types/ports` (debounced) and stores the
 * answer. The server owns the port functions (the editor has only descriptors), so asking it keeps
 * handles, connection checks and local validation identical to what the server accepts on save.
 * A config the server cannot derive ports from is not asked again; the canvas keeps its local guess.
 */
export function createPortResolver(options: PortResolverOptions): PortResolver {
  const { store, api, debounceMs = 150, maxEntries = 500 } = options;
  const pending = new Set<string>();
  const failed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let live = true;

  const missing = (): FlowNode[] => {
    const { document, catalogue, ports } = store.getState();
    const wanted = new Map<string, FlowNode>();
    for (const node of document.nodes) {
      if (!describeNode(catalogue.types, node)?.dynamicPorts) continue;
      const key = portCacheKey(node.type, node.typeVersion, node.config);
      if (!ports.has(key) && !pending.has(key) && !failed.has(key)) wanted.set(key, node);
    }
    return [...wanted.values()];
  };

  const fetchOne = async (node: FlowNode): Promise<void> => {
    const key = portCacheKey(node.type, node.typeVersion, node.config);
    pending.add(key);
    try {
      const answer = await api.request<NodePortList>('POST', '/api/node-types/ports', {
        type: node.type,
        version: node.typeVersion,
        config: node.config,
      });
      if (!live) return;
      const next = new Map(store.getState().ports);
      next.set(key, { inputs: answer.inputs, outputs: answer.outputs });
      while (next.size > maxEntries) next.delete(next.keys().next().value as string);
      store.getState().setPorts(next);
    } catch {
      // Half-edited configs fail here (JX_NODE_CONFIG_INVALID); the inspector already shows why.
      failed.add(key);
    } finally {
      pending.delete(key);
    }
  };

  const flush = async () => {
    clearTimeout(timer);
    await Promise.all(missing().map(fetchOne));
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.document === previous.document && state.catalogue === previous.catalogue) return;
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), debounceMs);
  });

  // The document may already hold dynamic nodes (a flow opened before the resolver started).
  timer = setTimeout(() => void flush(), 0);

  return {
    flush,
    destroy() {
      live = false;
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
