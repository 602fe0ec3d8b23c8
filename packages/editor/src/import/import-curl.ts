import type { FlowNode, Json } from '../document/flow-types.ts';
import { uniqueNodeId } from '../document/ids.ts';
import { errorSentence } from '../i18n/error-sentence.ts';
import { translator } from '../i18n/i18n.ts';
import type { EditorStore } from '../store/editor-store.ts';
import type { CredentialSuggestion } from './credential-suggestion.ts';
import { curlToNode } from './curl-to-node.ts';
import { parseCurl } from './parse-curl.ts';

/** True for clipboard text that is a cURL command (`curl ` or `curl.exe ` first). */
export function isCurlCommand(text: string): boolean {
  return /^\s*curl(\.exe)?\s/i.test(text);
}

/** The secrets the last cURL import into an editor left out of its node. */
export interface PendingSuggestions {
  nodeId: string;
  suggestions: CredentialSuggestion[];
}

// Per editor store, so two editors on one page do not share them; listeners make it a React external store.
const pending = new WeakMap<EditorStore, PendingSuggestions | undefined>();
const listeners = new Set<() => void>();

/** The credential suggestions of the last cURL import into `store`, if it found any secret. */
export function curlSuggestions(store: EditorStore): PendingSuggestions | undefined {
  return pending.get(store);
}

/** Replaces (or clears) the suggestions shown for `store`. */
export function setCurlSuggestions(store: EditorStore, value: PendingSuggestions | undefined): void {
  pending.set(store, value);
  for (const listener of listeners) listener();
}

/** Subscribes to suggestion changes (for `useSyncExternalStore`). */
export function subscribeCurlSuggestions(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Adds an `http.request` node built from a cURL command at `position`, as one undoable operation, and
 * selects it. Secrets are left out of the node and kept as suggestions. A command that does not parse is
 * reported as a notice with its code; returns the new node's id, or undefined.
 */
export function importCurl(
  store: EditorStore,
  text: string,
  position: { x: number; y: number },
): string | undefined {
  const state = store.getState();
  const descriptor = state.catalogue.types.latest.get('http.request');
  try {
    if (!descriptor) throw new Error('http.request');
    const { config, suggestions } = curlToNode(parseCurl(text));
    const node: FlowNode = {
      id: uniqueNodeId(descriptor.title, new Set(state.document.nodes.map((n) => n.id))),
      type: descriptor.type,
      typeVersion: descriptor.version,
      position: { x: Math.round(position.x), y: Math.round(position.y) },
      config: config as Record<string, Json>,
    };
    state.dispatch(
      [{ kind: 'addElements', nodes: [{ item: node }], edges: [] }],
      translator().t('curlImport.history'),
    );
    state.select({ nodes: [node.id], edges: [], notes: [] });
    setCurlSuggestions(store, suggestions.length ? { nodeId: node.id, suggestions } : undefined);
    state.notify(
      'info',
      suggestions.length
        ? translator().t('curlImport.importedWithSecrets', { count: suggestions.length })
        : translator().t('curlImport.imported'),
    );
    return node.id;
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'JX_NODE_TYPE_UNKNOWN';
    state.notify('error', errorSentence(error), code);
    return undefined;
  }
}
