import { useSyncExternalStore } from 'react';
import { onLocaleChange, translator } from './i18n.ts';
import type { Translator } from './translator.ts';

/** The translator of the language in use; the component re-renders when the user switches language. */
export function useT(): Translator {
  return useSyncExternalStore(onLocaleChange, translator, translator);
}
