import type { DescriptorCatalogue } from '@junction/runtime';
import zhCN from './zh-CN.json' with { type: 'json' };

/** Languages the built-in node types and credential kinds are translated into (English is the source). */
export type DescriptorLocale = 'en' | 'zh-CN';

/**
 * Translations of every built-in node type and credential kind, by language. English lives in the
 * descriptors themselves; other languages are catalogues keyed by type and dotted field path, so a
 * descriptor change never has to touch the translation files of other languages in the same edit.
 */
export const builtinCatalogues: Record<Exclude<DescriptorLocale, 'en'>, DescriptorCatalogue> = {
  'zh-CN': zhCN as DescriptorCatalogue,
};

/**
 * The language an `Accept-Language` header asks for: `zh*` before any `en*` reads as zh-CN,
 * anything else (or nothing) as English. Quality values order the preferences.
 */
export function descriptorLocale(acceptLanguage: string | undefined): DescriptorLocale {
  const preferences = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((p) => p.tag && p.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of preferences) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
