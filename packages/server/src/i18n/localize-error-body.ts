import { descriptorLocale } from '@junction/nodes';
import { type ErrorLocale, errorCatalogues, localizeError, type SchemaError } from '@junction/runtime';

/** The JSON error body the server answers with (`{error: {code, message, details}}`). */
export interface LocalizableBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

/**
 * The language an `Accept-Language` header asks error sentences in: the same reading as node type
 * texts (q-values honoured, `zh*` is zh-CN, English by default).
 */
export function errorLocale(acceptLanguage: string | string[] | undefined): ErrorLocale {
  return descriptorLocale(Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage);
}

/** The error body in `locale` (see `localizeError`); English bodies are returned as they are. */
export function localizeErrorBody<B extends LocalizableBody>(
  body: B,
  locale: ErrorLocale,
  schemaErrors?: readonly SchemaError[],
): B {
  if (locale === 'en') return body;
  const error = localizeError(body.error, errorCatalogues[locale], schemaErrors);
  return { ...body, error: { ...error, details: error.details ?? {} } };
}
