import { type ErrorInfo, JunctionError, localizeError } from '@junction/runtime/browser';
import { translator } from './i18n.ts';
import type { Translator } from './translator.ts';

/** True for a thrown {@link JunctionError} or an error as the API and run journals carry it. */
function isErrorInfo(error: unknown): error is ErrorInfo {
  if (error instanceof JunctionError) return true;
  const info = error as Partial<ErrorInfo> | null;
  return (
    typeof info === 'object' &&
    info !== null &&
    typeof info.code === 'string' &&
    typeof info.message === 'string'
  );
}

/**
 * The sentence the editor shows for an error (a thrown one, or `{code, message, details}` from a run's
 * journal): the editor catalogue's `error.<code>` message, else the error catalogue of the language
 * (the runtime's, keyed by code, shared with the server), each with the error's details as
 * parameters; else the sentence the server (or the editor) wrote in English. The code itself never
 * changes; it is shown beside the sentence.
 */
export function errorSentence(error: unknown, using: Translator = translator()): string {
  if (!isErrorInfo(error)) return String(error);
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.details ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = value;
    else if (value !== null && value !== undefined) values[name] = JSON.stringify(value);
  }
  const fallback = () => (using.errors ? localizeError(error, using.errors).message : error.message);
  try {
    return using.lookup(`error.${error.code}`, values) ?? fallback();
  } catch {
    // A catalogue sentence whose parameter the server did not send: its own sentence still helps.
    return fallback();
  }
}
