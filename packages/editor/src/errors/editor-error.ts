import { JunctionError } from '@junction/runtime/browser';

/**
 * An error the editor shows to the user: the runtime's `JunctionError` (stable `JX_…` code, an
 * actionable sentence, secret-free details) from its browser-safe entry, named so a stack trace says
 * the editor raised it.
 */
export class EditorError extends JunctionError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'EditorError';
  }
}
