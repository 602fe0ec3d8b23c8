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

/** Suggestions of the last import, per editor store, for the suggestions panel to show. */
const lastSuggestions = new WeakMap<EditorStore, { nodeId: string; suggestions: CredentialSuggestion[] }>();

/** The credential suggestions of the last cURL import into `store`, if it found any secret. */
export function curlSuggestions(store: EditorStore) {
  return lastSuggestions.get(store);
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
    lastSuggestions.set(store, { nodeId: node.id, suggestions });
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
