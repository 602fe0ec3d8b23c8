/**
 * Every error a user can see carries a stable code (`JX_…`) and a sentence they can act on.
 * `details` holds structured context (node id, JSON pointer, supplier code…) and never secrets.
 */
export class JunctionError extends Error {
  /** Stable machine-readable code, e.g. `JX_FLOW_CYCLE`. */
  readonly code: string;
  /** Structured, secret-free context for APIs and logs. */
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'JunctionError';
    this.code = code;
    this.details = details;
  }

  /** Plain JSON form used in journals and API responses. */
  toJSON(): ErrorInfo {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** The serialisable shape of an error, as stored in the journal and returned by APIs. */
export interface ErrorInfo {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Turns anything thrown into an {@link ErrorInfo}; unknown errors get `fallbackCode`. */
export function toErrorInfo(error: unknown, fallbackCode = 'JX_NODE_FAILED'): ErrorInfo {
  if (error instanceof JunctionError) return error.toJSON();
  if (error instanceof Error) {
    const raw: unknown = (error as { code?: unknown }).code;
    const code = typeof raw === 'string' ? raw : '';
    return { code: code.startsWith('JX_') ? code : fallbackCode, message: error.message };
  }
  return { code: fallbackCode, message: String(error) };
}
