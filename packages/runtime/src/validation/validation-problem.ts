/**
 * One problem found in a flow document. Every problem has a stable code (`JX_…`), a JSON pointer
 * into the document (the editor highlights that field) and a sentence a user can act on.
 */
export interface ValidationProblem {
  /** Stable code, e.g. `JX_CYCLE`; see the README for the catalogue. */
  code: string;
  /** RFC 6901 pointer into the flow document, e.g. `/nodes/3/config/body/amount`. */
  pointer: string;
  /** A human sentence naming the node or edge and what to change. */
  message: string;
  /** The node the problem belongs to, when there is one. */
  nodeId?: string;
  /** The edge the problem belongs to, when there is one. */
  edgeId?: string;
}

/** Every problem code {@link validateFlow} can report. */
export const VALIDATION_CODES = [
  'JX_SCHEMA',
  'JX_DUPLICATE_NODE_ID',
  'JX_DUPLICATE_EDGE_ID',
  'JX_DUPLICATE_CONNECTION',
  'JX_UNKNOWN_NODE_TYPE',
  'JX_NODE_TYPE_SCHEMA',
  'JX_UNKNOWN_PORT',
  'JX_DANGLING_EDGE',
  'JX_CYCLE',
  'JX_CONFIG',
  'JX_EXPRESSION_SYNTAX',
  'JX_CREDENTIAL_MISSING',
  'JX_CREDENTIAL_KIND',
  'JX_CREDENTIAL_NOT_FOUND',
  'JX_UNKNOWN_CREDENTIAL_SLOT',
  'JX_NO_TRIGGER',
] as const;

/** One of {@link VALIDATION_CODES}. */
export type ValidationCode = (typeof VALIDATION_CODES)[number];
