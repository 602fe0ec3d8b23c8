import type { ErrorCatalogue, ErrorLocale } from './error-catalogue.ts';

/**
 * The error catalogue of one language, as its own chunk (a dynamic import), so a browser downloads
 * only the language it shows; undefined for English, whose sentences are the ones thrown.
 */
export async function loadErrorCatalogue(locale: ErrorLocale): Promise<ErrorCatalogue | undefined> {
  if (locale === 'en') return undefined;
  const module = await import('./error-sentences.zh-CN.json', { with: { type: 'json' } });
  return module.default as ErrorCatalogue;
}
