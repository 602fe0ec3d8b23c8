import { digestBytes, encodeBytes } from '../signing/crypto-core.ts';
import type { RecipeAlgorithm, RecipeEncoding } from '../signing/recipe-types.ts';

export { safeEqual } from '../signing/crypto-core.ts';

/** Hash algorithms a flat signature scheme may use; `hmac-*` take the secret as the key. */
export type DigestAlgorithm = Extract<
  RecipeAlgorithm,
  'md5' | 'sha1' | 'sha256' | 'hmac-sha1' | 'hmac-sha256'
>;

/** How the digest bytes are written out. */
export type DigestEncoding = Extract<RecipeEncoding, 'hex-lower' | 'hex-upper' | 'base64'>;

/** Digests `input` (text as UTF-8, or bytes) and encodes the result. */
export function digest(
  algorithm: DigestAlgorithm,
  input: string | Buffer,
  secret: string,
  encoding: DigestEncoding,
): string {
  return encodeBytes(digestBytes(algorithm, input, secret), encoding);
}
