import { EditorError } from '../errors/editor-error.ts';
import type { FlowDocument } from './flow-types.ts';

const DOCUMENT_KEYS = [
  'schemaVersion',
  'id',
  'name',
  'description',
  'nodes',
  'edges',
  'settings',
  'annotations',
];
const NODE_KEYS = [
  'id',
  'type',
  'typeVersion',
  'name',
  'position',
  'config',
  'credentials',
  'retry',
  'timeoutMs',
  'onError',
  'disabled',
  'notes',
];

function ordered<T extends object>(value: T, keys: string[]): T {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  // Unknown keys keep their order after the known ones, so nothing is dropped on export.
  for (const key of Object.keys(source))
    if (!keys.includes(key) && source[key] !== undefined) out[key] = source[key];
  return out as T;
}

/**
 * Serialises a flow deterministically: known fields in a fixed order, two-space indentation and a
 * final newline, so the same document always gives the same bytes and import → export round-trips.
 */
export function serializeDocument(document: FlowDocument): string {
  const canonical = ordered(document, DOCUMENT_KEYS);
  canonical.nodes = document.nodes.map((n) => ordered(n, NODE_KEYS));
  canonical.edges = document.edges.map((e) => ({
    id: e.id,
    source: { node: e.source.node, port: e.source.port },
    target: { node: e.target.node, port: e.target.port },
  }));
  return `${JSON.stringify(canonical, null, 2)}\n`;
}

/**
 * Parses an exported flow. Only the document's outline is checked here; everything else is
 * reported by validation, so a flow with problems can still be opened and fixed.
 */
export function parseDocument(text: string): FlowDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EditorError('JX_EDITOR_IMPORT_INVALID', `The file is not JSON: ${(error as Error).message}`);
  }
  const doc = value as Partial<FlowDocument> | null;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new EditorError(
      'JX_EDITOR_IMPORT_INVALID',
      'The file does not hold a flow: expected a JSON object.',
    );
  }
  if (doc.schemaVersion !== 1) {
    throw new EditorError(
      'JX_EDITOR_IMPORT_INVALID',
      `Unsupported schemaVersion ${JSON.stringify(doc.schemaVersion)}: this editor reads version 1.`,
      { schemaVersion: doc.schemaVersion },
    );
  }
  if (typeof doc.id !== 'string' || !Array.isArray(doc.nodes) || !Array.isArray(doc.edges)) {
    throw new EditorError(
      'JX_EDITOR_IMPORT_INVALID',
      'The flow needs an "id" string and "nodes" and "edges" arrays.',
    );
  }
  return { ...doc, name: typeof doc.name === 'string' ? doc.name : doc.id } as FlowDocument;
}
