import {
  type CipherGCM,
  type CipherGCMTypes,
  createCipheriv,
  createDecipheriv,
  type DecipherGCM,
} from 'node:crypto';
import { JunctionError } from '@junction/runtime';
import { pad, unpad } from './cipher-padding.ts';
import type { CipherSuite } from './cipher-suite.ts';
import type { CipherPadding } from './cipher-types.ts';

// The one place bytes are enciphered and deciphered (AES, SM4, 3DES in every mode the recipe
// allows): the decrypt step and the signing recipes' encrypted body both end here. Keys and IVs
// are arguments, never kept, never quoted in an error.

/** Enciphers `plain`; the GCM tag (of `tagLength` bytes) is returned apart, framing is the caller's. */
export function encipher(
  suite: CipherSuite,
  padding: CipherPadding,
  key: Buffer,
  iv: Buffer | undefined,
  plain: Buffer,
  tagLength = 16,
): { ciphertext: Buffer; tag?: Buffer } {
  checkSizes(suite, key, iv);
  const block = suite.mode === 'ecb' || suite.mode === 'cbc';
  if (block && padding === 'none' && plain.length % suite.blockBytes !== 0) {
    throw new JunctionError(
      'JX_INPUT_INVALID',
      `Without padding the plaintext must be a multiple of ${suite.blockBytes} bytes; it has ${plain.length}.`,
      { reason: 'length', retryable: false },
    );
  }
  const cipher =
    suite.mode === 'gcm'
      ? createCipheriv(suite.name as CipherGCMTypes, key, iv as Buffer, { authTagLength: tagLength })
      : createCipheriv(suite.name, key, ivOrNull(suite, iv));
  cipher.setAutoPadding(false);
  const input = block ? pad(plain, padding, suite.blockBytes) : plain;
  const ciphertext = Buffer.concat([cipher.update(input), cipher.final()]);
  return suite.mode === 'gcm' ? { ciphertext, tag: (cipher as CipherGCM).getAuthTag() } : { ciphertext };
}

/**
 * Deciphers `ciphertext` (checking the GCM `tag`); `JX_DECRYPT_FAILED` with a `reason` (length,
 * padding, authentication, cipher) when it does not decrypt under this key — no value quoted.
 */
export function decipher(
  suite: CipherSuite,
  padding: CipherPadding,
  key: Buffer,
  iv: Buffer | undefined,
  ciphertext: Buffer,
  tag?: Buffer,
): Buffer {
  checkSizes(suite, key, iv);
  const block = suite.mode === 'ecb' || suite.mode === 'cbc';
  if (block && (ciphertext.length === 0 || ciphertext.length % suite.blockBytes !== 0)) {
    throw failed('length', `The ciphertext is not a whole number of ${suite.blockBytes}-byte blocks.`);
  }
  let plain: Buffer;
  try {
    const cipher =
      suite.mode === 'gcm'
        ? createDecipheriv(suite.name as CipherGCMTypes, key, iv as Buffer, {
            authTagLength: tag?.length ?? 16,
          })
        : createDecipheriv(suite.name, key, ivOrNull(suite, iv));
    cipher.setAutoPadding(false);
    if (suite.mode === 'gcm') (cipher as DecipherGCM).setAuthTag(tag ?? Buffer.alloc(0));
    plain = Buffer.concat([cipher.update(ciphertext), cipher.final()]);
  } catch {
    // OpenSSL's messages say nothing useful beyond "it did not decrypt"; they are not passed on.
    throw suite.mode === 'gcm'
      ? failed('authentication', 'The GCM tag does not match: wrong key or IV, or the data was changed.')
      : failed('cipher', 'The ciphertext does not decrypt with this key.');
  }
  return block ? unpad(plain, padding, suite.blockBytes) : plain;
}

function failed(reason: string, message: string): JunctionError {
  return new JunctionError('JX_DECRYPT_FAILED', message, { reason, retryable: false });
}

function ivOrNull(suite: CipherSuite, iv: Buffer | undefined): Buffer | null {
  return suite.ivBytes === 0 ? null : (iv as Buffer);
}

function checkSizes(suite: CipherSuite, key: Buffer, iv: Buffer | undefined): void {
  if (key.length !== suite.keyBytes) throw sizeError('key', suite.keyBytes, key.length, suite.name);
  if (suite.ivBytes > 0 && iv?.length !== suite.ivBytes) {
    throw sizeError('iv', suite.ivBytes, iv?.length ?? 0, suite.name);
  }
}

function sizeError(part: 'key' | 'iv', expected: number, got: number, name: string): JunctionError {
  return new JunctionError(
    'JX_CIPHER_SIZE',
    `${name} needs a ${expected}-byte ${part === 'key' ? 'key' : 'IV'}; the one given has ${got} bytes.`,
    { part, expectedBytes: expected, gotBytes: got, retryable: false },
  );
}
