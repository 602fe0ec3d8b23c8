import { createCipheriv, createDecipheriv } from 'node:crypto';
import { JunctionError } from '@junction/runtime';

function keyOf(secret: string): Buffer {
  const key = Buffer.from(secret, 'utf8');
  if (key.length !== 32) {
    throw new JunctionError(
      'JX_SANDBOX_CARD_KEY',
      `The card cipher needs a 32-byte app secret (AES-256), got ${key.length} bytes; use the 32-character app secret.`,
      { keyLength: key.length },
    );
  }
  return key;
}

/**
 * Encrypts a card number or password the way card platforms deliver them: AES-256-ECB with PKCS#7
 * padding, the 32-character app secret as the key (UTF-8 bytes), Base64 output.
 */
export function encryptCard(text: string, secret: string): string {
  const cipher = createCipheriv('aes-256-ecb', keyOf(secret), null);
  return Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]).toString('base64');
}

/** Reverses {@link encryptCard}; a wrong secret or corrupted text raises `JX_SANDBOX_CARD_DECRYPT`. */
export function decryptCard(base64: string, secret: string): string {
  const decipher = createDecipheriv('aes-256-ecb', keyOf(secret), null);
  try {
    return Buffer.concat([decipher.update(Buffer.from(base64, 'base64')), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new JunctionError(
      'JX_SANDBOX_CARD_DECRYPT',
      'The card text could not be decrypted: check that it is the Base64 value from the order and that the app secret matches the app key that placed the order.',
      {},
      { cause: error },
    );
  }
}
