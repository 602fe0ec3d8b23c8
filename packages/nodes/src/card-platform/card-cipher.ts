import { type Json, JunctionError } from '@junction/runtime';
import type { CipherChoice } from '../payload-crypto/cipher-types.ts';
import { cachedCipher, type KeyedCipher, keyCipher } from '../payload-crypto/compile-cipher.ts';

/**
 * The card platform's cipher when a node names none: Base64 of AES-256-ECB/PKCS#7 with the
 * 32-character app secret (UTF-8 bytes) as key. ECB is the supplier's choice, not ours.
 */
export const DEFAULT_CARD_CIPHER = 'aes-256-ecb-secret';

/**
 * The card cipher keyed by a card-platform credential's data. A key of the wrong size is the
 * credential's (or the cipher's) fault: `JX_CREDENTIAL_INVALID` naming the field, no value.
 */
export function cardCipher(choice: CipherChoice, data: Record<string, Json>): KeyedCipher {
  const compiled = cachedCipher(choice);
  try {
    return keyCipher(compiled, data);
  } catch (error) {
    if (!(error instanceof JunctionError) || error.code !== 'JX_CIPHER_SIZE') throw error;
    const field = compiled.recipe.key?.field ?? 'appSecret';
    const { part, expectedBytes, gotBytes } = error.details;
    throw new JunctionError(
      'JX_CREDENTIAL_INVALID',
      part === 'key'
        ? `Card decryption (${compiled.suite.name}) needs a ${expectedBytes}-byte key; the app secret gives ${gotBytes} bytes. Check the credential's app secret or the cipher.`
        : `Card decryption (${compiled.suite.name}) needs a ${expectedBytes}-byte IV; the cipher gives ${gotBytes} bytes.`,
      { field, keyLength: gotBytes, expectedBytes, retryable: false },
    );
  }
}

/** Decrypts one card number or password with the default cipher and the app secret. */
export function decryptCardField(base64: string, secret: string): string {
  const cipher = cardCipher(DEFAULT_CARD_CIPHER, { appSecret: secret });
  try {
    return cipher.decrypt(base64) as string;
  } catch (error) {
    if (!(error instanceof JunctionError) || error.code !== 'JX_DECRYPT_FAILED') throw error;
    throw new JunctionError(
      'JX_CARD_DECRYPT_FAILED',
      'A card field could not be decrypted; it was encrypted with another app secret or is corrupted.',
      { reason: error.details.reason, retryable: false },
    );
  }
}
