import { JunctionError } from '@junction/runtime';
import type { CipherPadding } from './cipher-types.ts';

// Padding is done here rather than by node:crypto so zero padding (which OpenSSL lacks) and PKCS#7
// go through one path, and a bad pad is reported the same way for every algorithm.

/** `bytes` padded to a multiple of `block` bytes (unchanged for `none`). */
export function pad(bytes: Buffer, padding: CipherPadding, block: number): Buffer {
  if (padding === 'none') return bytes;
  const fill =
    padding === 'pkcs7' ? block - (bytes.length % block) : (block - (bytes.length % block)) % block;
  return fill === 0 ? bytes : Buffer.concat([bytes, Buffer.alloc(fill, padding === 'pkcs7' ? fill : 0)]);
}

/** `bytes` without their padding; `JX_DECRYPT_FAILED` (no value quoted) when the PKCS#7 pad is malformed. */
export function unpad(bytes: Buffer, padding: CipherPadding, block: number): Buffer {
  if (padding === 'none') return bytes;
  if (padding === 'zero') {
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0) end--;
    return bytes.subarray(0, end);
  }
  const fill = bytes[bytes.length - 1] ?? 0;
  let valid = bytes.length > 0 && bytes.length % block === 0 && fill >= 1 && fill <= block;
  for (let i = bytes.length - fill; valid && i < bytes.length; i++) valid = bytes[i] === fill;
  if (!valid) {
    throw new JunctionError('JX_DECRYPT_FAILED', 'The plaintext has no valid PKCS#7 padding.', {
      reason: 'padding',
      retryable: false,
    });
  }
  return bytes.subarray(0, bytes.length - fill);
}
