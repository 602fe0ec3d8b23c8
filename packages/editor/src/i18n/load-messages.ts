import type { Locale } from './locales.ts';
import type { Messages } from './translator.ts';

/**
 * Loads one language's catalogue. Each catalogue is its own chunk (a dynamic import per language),
 * so the initial bundle carries no translations and a user downloads only the language they use.
 */
export async function loadMessages(locale: Locale): Promise<Messages> {
  const module =
    locale === 'zh-CN'
      ? await import('./messages/zh-CN.json', { with: { type: 'json' } })
      : await import('./messages/en.json', { with: { type: 'json' } });
  return module.default as Messages;
}
