import type { ErrorCatalogue, ErrorLocale } from './error-catalogue.ts';
import zhCN from './error-sentences.zh-CN.json' with { type: 'json' };

/**
 * Every error catalogue, loaded (for the server and the CLI). The browser loads only the language
 * it shows, with {@link loadErrorCatalogue}.
 */
export const errorCatalogues: Record<Exclude<ErrorLocale, 'en'>, ErrorCatalogue> = {
  'zh-CN': zhCN as ErrorCatalogue,
};
