import { JunctionError } from '@junction/runtime/browser';
import { translator } from './i18n.ts';
import type { Translator } from './translator.ts';

/**
 * The sentence the editor shows for an error: the catalogue's `error.<code>` message with the
 * error's details as parameters, else the sentence the server (or the editor) wrote in English.
 * The code itself never changes; it is shown beside the sentence.
 */
export function errorSentence(error: unknown, using: Translator = translator()): string {
  if (!(error instanceof JunctionError)) return String(error);
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.details ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = value;
    else if (value !== null && value !== undefined) values[name] = JSON.stringify(value);
  }
  try {
    return using.lookup(`error.${error.code}`, values) ?? error.message;
  } catch {
    // A catalogue sentence whose parameter the server did not send: its own sentence still helps.
    return error.message;
  }
}
