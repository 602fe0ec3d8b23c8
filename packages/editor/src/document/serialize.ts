import { serializeFlow } from '@junction/runtime/browser';
import { EditorError } from '../errors/editor-error.ts';
import type { FlowDocument } from './flow-types.ts';

/**
 * Serialises a flow with the runtime's deterministic `serializeFlow` (canonical key order, sorted keys
 * in free-form objects, two-space indentation, final newline): the editor, the server and the CLI all
 * write the same bytes for the same flow, and import → export round-trips byte for byte.
 */
export function serializeDocument(document: FlowDocument): string {
  return serializeFlow(document);
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
