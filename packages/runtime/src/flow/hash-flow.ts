import { createHash } from 'node:crypto';
import type { FlowDocument } from './flow-types.ts';
import { serializeFlow } from './serialize-flow.ts';

/** SHA-256 (lowercase hex) of {@link serializeFlow}: equal for equal documents, whatever their key order. */
export function hashFlow(doc: FlowDocument): string {
  return createHash('sha256').update(serializeFlow(doc)).digest('hex');
}
