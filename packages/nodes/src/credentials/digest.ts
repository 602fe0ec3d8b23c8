import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Hash algorithms a signature scheme may use; `hmac-*` take the secret as the key. */
export type DigestAlgorithm = 'md5' | 'sha1' | 'sha256' | 'hmac-sha1' | 'hmac-sha256';

/** How the digest bytes are written out. */
export type DigestEncoding = 'hex-lower' | 'hex-upper' | 'base64';

/** Digests `input` (UTF-8) and encodes the result. */
export function digest(
  algorithm: DigestAlgorithm,
  input: string,
  secret: string,
  encoding: DigestEncoding,
): string {
  const hash = algorithm.startsWith('hmac-')
    ? createHmac(algorithm.slice(5), secret).update(input, 'utf8')
    : createHash(algorithm).update(input, 'utf8');
  if (encoding === 'base64') return hash.digest('base64');
  const hex = hash.digest('hex');
  return encoding === 'hex-upper' ? hex.toUpperCase() : hex;
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
