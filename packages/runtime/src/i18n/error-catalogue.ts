/** Languages error sentences are translated into besides English (the language they are thrown in). */
export type ErrorLocale = 'en' | 'zh-CN';

/**
 * Error sentences of one language. English lives at the throw sites (the sentence each error is
 * thrown with); other languages are catalogues keyed by error code, so the code never changes.
 * Sentences name the error's details as `{placeholder}`.
 */
export interface ErrorCatalogue {
  /** Sentences by error code; a list when the code is thrown with different details, most specific first. */
  codes: Record<string, string | string[]>;
  /** Sentences for JSON Schema (ajv) problems by keyword, with the keyword's params as placeholders. */
  schemaKeywords: Record<string, string | string[]>;
  /** Names of the parts of a request (`body`, `querystring`, …) a schema problem is in. */
  requestParts: Record<string, string>;
}
