/** The languages the editor ships a catalogue for; the first is the default for Chinese merchants. */
export const LOCALES = ['zh-CN', 'en'] as const;

/** One supported editor language. */
export type Locale = (typeof LOCALES)[number];

/** Where the chosen language is remembered between visits. */
export const LOCALE_STORAGE_KEY = 'junction.locale';

/** True when `value` names a supported language exactly. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Picks the editor language: the one the user chose before, else the first browser language we
 * support (any `zh*` reads as zh-CN, any `en*` as en), else English.
 */
export function pickLocale(stored: string | null | undefined, browser: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browser) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
