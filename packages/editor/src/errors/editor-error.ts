/**
 * An error the editor shows to the user. Mirrors the runtime's `JunctionError` (stable `JX_…` code,
 * an actionable sentence, secret-free details) without importing the runtime, whose main entry is not
 * browser-safe.
 */
export class EditorError extends Error {
  /** Stable machine-readable code, e.g. `JX_EDITOR_IMPORT_INVALID`. */
  readonly code: string;
  /** Structured context (node id, status, pointer…), never secrets. */
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'EditorError';
    this.code = code;
    this.details = details;
  }
}
