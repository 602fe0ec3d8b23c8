import { type ErrorCatalogue, loadErrorCatalogue } from '@junction/runtime/browser';
import { loadMessages } from './load-messages.ts';
import { LOCALE_STORAGE_KEY, type Locale, pickLocale } from './locales.ts';
import { createTranslator, type Messages, type Translator } from './translator.ts';

type Listener = () => void;

const listeners = new Set<Listener>();
// Until a catalogue has loaded, keys show as themselves; the app awaits `startI18n` before rendering.
let current: Translator = createTranslator('en', {});

/** The translator of the language in use (for code outside React: stores, notices). */
export function translator(): Translator {
  return current;
}

/** Calls `listener` whenever the language changes; returns the unsubscribe function. */
export function onLocaleChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Makes `messages` (and `errors`) the language in use (tests use it to skip the lazy import). */
export function applyMessages(locale: Locale, messages: Messages, errors?: ErrorCatalogue): Translator {
  current = createTranslator(locale, messages, errors);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const listener of listeners) listener();
  return current;
}

/** Switches the language: loads its catalogue, remembers the choice, re-renders every subscriber. */
export async function setLocale(locale: Locale): Promise<Translator> {
  const [messages, errors] = await Promise.all([loadMessages(locale), loadErrorCatalogue(locale)]);
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage may be disabled (private mode); the choice then lasts for this page only.
  }
  return applyMessages(locale, messages, errors);
}

/** Loads the remembered language, else the browser's, before the editor first renders. */
export async function startI18n(): Promise<Translator> {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    stored = null;
  }
  const locale = pickLocale(stored, navigator.languages ?? [navigator.language]);
  const [messages, errors] = await Promise.all([loadMessages(locale), loadErrorCatalogue(locale)]);
  return applyMessages(locale, messages, errors);
}
