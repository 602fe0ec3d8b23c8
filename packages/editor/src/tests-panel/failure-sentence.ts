import type { ExpectationFailure } from '../api/flow-test-types.ts';
import { translator } from '../i18n/i18n.ts';
import type { Translator } from '../i18n/translator.ts';

/**
 * The sentence the Tests panel shows for a failed expectation: the editor catalogue's message for
 * the failure's `flowTest.*` key with its parameters, or the server's English `message` when the key
 * is missing, unknown or its message cannot be formatted.
 */
export function failureSentence(failure: ExpectationFailure, using: Translator = translator()): string {
  if (!failure.key?.startsWith('flowTest.')) return failure.message;
  const params: Record<string, string | number> = { ...failure.params };
  if (failure.key === 'flowTest.wrongPort' && params.ports === '')
    params.ports = using.lookup('flowTest.noPort') ?? 'no port';
  try {
    return using.lookup(failure.key, params) ?? failure.message;
  } catch {
    return failure.message;
  }
}
