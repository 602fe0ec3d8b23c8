import { type Json, JunctionError } from '@junction/runtime';
import type { KeyedCipher } from './compile-cipher.ts';
import { fillStars, matchFields, valueAt, writeAt } from './field-pointers.ts';

/** What decrypting a payload's fields gives: a copy with plaintexts in place, and them by pointer. */
export interface DecryptedFields {
  value: Json;
  plain: Record<string, Json>;
}

/**
 * Decrypts the fields `patterns` name in `value` (a copy is written; `value` is untouched). Fields
 * that are absent, null or empty strings are left as they are. `ivPointer` (an IV read from the
 * payload) is resolved beside each field: its `*` stand for the field's. A field that does not
 * decrypt fails the whole call with `code` (default `JX_DECRYPT_FAILED`, not retryable) naming its
 * pointer and why — never the key, the IV or the ciphertext. A field that is not a string fails
 * too, unless `keepNonText` (then it is left as it is). Errors name the pointer after
 * `pointerPrefix` (where `value` sits, e.g. `/cards`). Given as a function, the cipher is keyed at
 * the first field to decrypt, so a payload with nothing encrypted never needs the key.
 */
export function decryptFields(
  value: Json,
  patterns: readonly string[],
  cipher: KeyedCipher | (() => KeyedCipher),
  options: { ivPointer?: string; code?: string; keepNonText?: boolean; pointerPrefix?: string } = {},
): DecryptedFields {
  const copy = structuredClone(value);
  const plain: Record<string, Json> = {};
  let keyed = typeof cipher === 'function' ? undefined : cipher;
  for (const pattern of patterns) {
    for (const match of matchFields(value, pattern)) {
      const text = valueAt(value, match.segments);
      if (text === null || text === '' || text === undefined) continue;
      if (typeof text !== 'string' && options.keepNonText) continue;
      const iv =
        options.ivPointer === undefined
          ? undefined
          : valueAt(value, fillStars(options.ivPointer, match.stars));
      const named = (options.pointerPrefix ?? '') + match.pointer;
      keyed ??= (cipher as () => KeyedCipher)();
      const decrypted = decryptOne(keyed, text, iv, named, options.code ?? 'JX_DECRYPT_FAILED');
      writeAt(copy, match.segments, decrypted);
      plain[match.pointer] = decrypted;
    }
  }
  return { value: copy, plain };
}

function decryptOne(
  cipher: KeyedCipher,
  text: Json,
  iv: Json | undefined,
  pointer: string,
  code: string,
): Json {
  if (typeof text !== 'string') {
    throw new JunctionError(
      code,
      `Field ${pointer} is not encrypted text (it is ${Array.isArray(text) ? 'an array' : typeof text}).`,
      {
        pointer,
        reason: 'type',
        retryable: false,
      },
    );
  }
  try {
    return cipher.decrypt(text, typeof iv === 'string' ? iv : undefined);
  } catch (error) {
    if (!(error instanceof JunctionError) || error.code !== 'JX_DECRYPT_FAILED') throw error;
    throw new JunctionError(
      code,
      `Field ${pointer} does not decrypt: ${error.message} Check the cipher and the credential's secret.`,
      { pointer, reason: error.details.reason ?? 'cipher', retryable: false },
    );
  }
}
