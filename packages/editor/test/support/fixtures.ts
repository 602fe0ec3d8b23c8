import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeTypesResponse } from '../../src/api/api-types.ts';
import type { FlowDocument } from '../../src/document/flow-types.ts';
import { createEditorStore, type EditorStore } from '../../src/store/editor-store.ts';

// Not `new URL(…, import.meta.url)`: happy-dom replaces the global URL with a browser one.
const read = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', name), 'utf8');

/** The node-type catalogue fixture, as `GET /api/node-types` returns it. */
export function nodeTypesFixture(): NodeTypesResponse {
  return JSON.parse(read('node-types.json')) as NodeTypesResponse;
}

/** The raw bytes of the example order flow. */
export function orderFlowBytes(): string {
  return read('order-flow.json');
}

/** The example order flow, parsed. */
export function orderFlow(): FlowDocument {
  return JSON.parse(orderFlowBytes()) as FlowDocument;
}

/** A store loaded with the catalogue fixture and, optionally, a document. */
export function storeWithCatalogue(document?: FlowDocument): EditorStore {
  let clock = 0;
  const store = createEditorStore({ ...(document && { document }), now: () => (clock += 10_000) });
  const { nodeTypes, credentialKinds } = nodeTypesFixture();
  store.getState().setCatalogue({ nodeTypes, credentialKinds });
  return store;
}
