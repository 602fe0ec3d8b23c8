import { createCipheriv, createHash } from 'node:crypto';

// Test helpers: ciphertexts made with node:crypto directly (OpenSSL's own padding and framing),
// never with the payload cipher core, so the core is checked against an outside answer.

/** node:crypto's cipher name, key, IV and the text it makes; `tag` for GCM, appended. */
export function sealByHand(
  name: string,
  key: Buffer,
  iv: Buffer | null,
  plain: string,
  encoding: 'base64' | 'hex' = 'base64',
  prefix: Buffer = Buffer.alloc(0),
): string {
  const cipher = createCipheriv(name, key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = name.endsWith('-gcm')
    ? (cipher as unknown as { getAuthTag(): Buffer }).getAuthTag()
    : Buffer.alloc(0);
  return Buffer.concat([prefix, body, tag]).toString(encoding);
}

/** MD5 of UTF-8 text, raw. */
export function md5(text: string): Buffer {
  return createHash('md5').update(text, 'utf8').digest();
}
