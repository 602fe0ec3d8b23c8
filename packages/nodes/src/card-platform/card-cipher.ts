import { createDecipheriv } from 'node:crypto';
import { JunctionError } from '@junction/runtime';

/**
 * Decrypts a card number or password as card platforms deliver them: Base64 of AES-256-ECB/PKCS#7 with the
 * 32-character app secret (UTF-8 bytes) as key. ECB is the supplier's choice, not ours.
 */
export function decryptCardField(base64: string, secret: string): string {
  const key = Buffer.from(secret, 'utf8');
  if (key.length !== 32) {
    throw new JunctionError(
      'JX_CREDENTIAL_INVALID',
      `Card decryption needs a 32-byte app secret (AES-256), got ${key.length} bytes; check the credential's app secret.`,
      { field: 'appSecret', keyLength: key.length },
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-ecb', key, null);
    return Buffer.concat([decipher.update(Buffer.from(base64, 'base64')), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new JunctionError(
      'JX_CARD_DECRYPT_FAILED',
      'A card field could not be decrypted; it was encrypted with another app secret or is corrupted.',
      { retryable: false },
      { cause: error },
    );
  }
}
