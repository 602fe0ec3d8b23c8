import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { JunctionError } from '@junction/runtime';
import type { RecipeAlgorithm, RecipeEncoding } from './recipe-types.ts';

// The pure crypto every recipe uses: digests, HMACs and RSA signatures over UTF-8 text, and the
// encodings of their bytes. Keys and secrets are arguments, never kept. Ciphers (the encrypted
// body) live in payload-crypto, the one cipher core.

/** Digests or HMACs `input` (text as UTF-8, or bytes as they are); `key` is the HMAC key. */
export function digestBytes(algorithm: RecipeAlgorithm, input: string | Buffer, key = ''): Buffer {
  if (algorithm.startsWith('rsa-')) {
    throw new JunctionError('JX_RECIPE_INVALID', `${algorithm} signs with a key; it is not a digest.`, {
      algorithm,
    });
  }
  return algorithm.startsWith('hmac-')
    ? createHmac(algorithm.slice(5), key).update(bytesOf(input)).digest()
    : createHash(algorithm).update(bytesOf(input)).digest();
}

function bytesOf(input: string | Buffer): Buffer {
  return typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
}

/** Writes bytes as the recipe's encoding. */
export function encodeBytes(bytes: Buffer, encoding: RecipeEncoding): string {
  switch (encoding) {
    case 'hex-lower':
      return bytes.toString('hex');
    case 'hex-upper':
      return bytes.toString('hex').toUpperCase();
    case 'base64':
      return bytes.toString('base64');
    case 'base64url':
      return bytes.toString('base64url');
  }
}

/** Reads bytes written in the recipe's encoding (hex in either case); undefined when malformed. */
export function decodeBytes(text: string, encoding: RecipeEncoding): Buffer | undefined {
  if (encoding === 'hex-lower' || encoding === 'hex-upper') {
    return /^(?:[0-9a-fA-F]{2})*$/.test(text) ? Buffer.from(text, 'hex') : undefined;
  }
  const alphabet = encoding === 'base64' ? /^[A-Za-z0-9+/]*={0,2}$/ : /^[A-Za-z0-9_-]*={0,2}$/;
  return alphabet.test(text) ? Buffer.from(text, encoding) : undefined;
}

const RSA_HASH = { 'rsa-sha1': 'sha1', 'rsa-sha256': 'sha256' } as const;

/** An RSA signature (PKCS#1 v1.5) over `input` (UTF-8 text or bytes), e.g. SHA256withRSA for `rsa-sha256`. */
export function rsaSign(
  algorithm: 'rsa-sha1' | 'rsa-sha256',
  input: string | Buffer,
  privateKey: string,
): Buffer {
  return sign(RSA_HASH[algorithm], bytesOf(input), readPrivateKey(privateKey));
}

/** Checks an RSA signature (PKCS#1 v1.5) over `input` with the platform's public key. */
export function rsaVerify(
  algorithm: 'rsa-sha1' | 'rsa-sha256',
  input: string | Buffer,
  signature: Buffer,
  publicKey: string,
): boolean {
  return verify(RSA_HASH[algorithm], bytesOf(input), readPublicKey(publicKey), signature);
}

const PEM = /-----BEGIN [A-Z ]+-----/;

/** A private key from PEM (PKCS#1 or PKCS#8) or bare Base64 DER, as supplier consoles hand them out. */
export function readPrivateKey(text: string): KeyObject {
  if (PEM.test(text)) return keyOrInvalid(() => createPrivateKey(text), 'privateKey');
  const der = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  return keyOrInvalid(
    () =>
      firstKey([
        () => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }),
        () => createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }),
      ]),
    'privateKey',
  );
}

/** A public key from PEM or bare Base64 DER (SPKI or PKCS#1). */
export function readPublicKey(text: string): KeyObject {
  if (PEM.test(text)) return keyOrInvalid(() => createPublicKey(text), 'publicKey');
  const der = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  return keyOrInvalid(
    () =>
      firstKey([
        () => createPublicKey({ key: der, format: 'der', type: 'spki' }),
        () => createPublicKey({ key: der, format: 'der', type: 'pkcs1' }),
      ]),
    'publicKey',
  );
}

function firstKey(attempts: (() => KeyObject)[]): KeyObject {
  let failure: unknown;
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

function keyOrInvalid(read: () => KeyObject, field: 'privateKey' | 'publicKey'): KeyObject {
  try {
    return read();
  } catch {
    // The driver's message may quote key material: say which field, nothing of its content.
    throw new JunctionError(
      'JX_CREDENTIAL_INVALID',
      `The credential's "${field}" is not an RSA key in PEM (PKCS#1 or PKCS#8) or Base64 DER form.`,
      { field },
    );
  }
}

/**
 * Constant-time string comparison. Unequal lengths still take a comparison's time, so the length
 * of the expected signature does not leak through timing either.
 */
export function safeEqual(actual: string, expected: string): boolean {
  const a = Buffer.from(actual, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}
