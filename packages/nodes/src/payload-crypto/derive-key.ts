import { createHash } from 'node:crypto';
import type { KeyDerivation, TextBytes } from './cipher-types.ts';

const DIGEST_BYTES = { md5: 16, sha1: 20, sha256: 32 } as const;

/** A text's bytes as UTF-8, hex or Base64 (whitespace ignored for the last two). */
export function textBytes(text: string, read: TextBytes = 'utf8'): Buffer {
  return read === 'utf8' ? Buffer.from(text, 'utf8') : Buffer.from(text.replace(/\s+/g, ''), read);
}

/**
 * The key a derivation gives from a credential secret: read, digested, sliced (see
 * {@link KeyDerivation}). Pure; the result is used inside the cipher and never returned to a flow.
 */
export function deriveKey(derivation: KeyDerivation | undefined, secret: string): Buffer {
  let bytes = textBytes(secret, derivation?.read);
  if (derivation?.digest) {
    const digest = createHash(derivation.digest).update(bytes).digest();
    bytes = derivation.digestAs === 'hex' ? Buffer.from(digest.toString('hex'), 'utf8') : digest;
  }
  const slice = derivation?.slice;
  if (!slice) return bytes;
  const start = slice.start ?? 0;
  return bytes.subarray(start, slice.length === undefined ? undefined : start + slice.length);
}

/**
 * The key length a derivation gives whatever the secret, when that is known before the secret is
 * (a digest fixes it, a slice's length bounds it); undefined otherwise.
 */
export function derivedKeyBytes(derivation: KeyDerivation | undefined): number | undefined {
  const whole = derivation?.digest
    ? DIGEST_BYTES[derivation.digest] * (derivation.digestAs === 'hex' ? 2 : 1)
    : undefined;
  const slice = derivation?.slice;
  if (!slice) return whole;
  const start = slice.start ?? 0;
  if (whole === undefined) return slice.length;
  const end = slice.length === undefined ? whole : Math.min(whole, start + slice.length);
  return Math.max(0, end - start);
}
