import type { DescriptorLocale } from '@junction/nodes';
import zhCN from './error-sentences.zh-CN.json' with { type: 'json' };

/**
 * Error sentences of one language. English lives at the throw sites (the server's own sentence);
 * other languages are catalogues keyed by error code, so the code a client reads never changes.
 */
export interface ErrorCatalogue {
  /** Sentences by error code; a list when the code is thrown with different details, most specific first. */
  codes: Record<string, string | string[]>;
  /** Sentences for JSON Schema (ajv) problems by keyword, with the keyword's params as placeholders. */
  schemaKeywords: Record<string, string | string[]>;
  /** Names of the parts of a request (`body`, `querystring`, …) a schema problem is in. */
  requestParts: Record<string, string>;
}

/** Catalogues by language (English has none: its sentences are the ones thrown). */
export const errorCatalogues: Record<Exclude<DescriptorLocale, 'en'>, ErrorCatalogue> = {
  'zh-CN': zhCN as ErrorCatalogue,
};
