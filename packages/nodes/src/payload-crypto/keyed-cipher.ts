import { randomBytes } from 'node:crypto';
import { type Json, JunctionError } from '@junction/runtime';
import { decodeBytes, encodeBytes } from '../signing/crypto-core.ts';
import { decipher, encipher } from './block-cipher.ts';
import type { CipherSuite } from './cipher-suite.ts';
import type { CipherEncoding, PayloadCipher } from './cipher-types.ts';
import { textBytes } from './derive-key.ts';

/**
 * A cipher holding its key (and a fixed IV) in a closure; nothing of the key is given back. Two
 * layers: bytes (IV and tag framing around the block cipher) and values (the recipe's encoding
 * and its text or JSON plaintext). `iv` is the IV's text when the recipe reads it from the payload.
 */
export interface KeyedCipher {
  decrypt(text: string, iv?: string): Json;
  encrypt(plain: Json, iv?: string): string;
  decryptBytes(frame: Buffer, iv?: string): Buffer;
  encryptBytes(plain: Buffer, iv?: string): Buffer;
}

/**
 * Keys a compiled recipe with key bytes and, for an IV from the credential, its bytes. Every
 * payload encryption and decryption takes this path, the signing recipes' encrypted body too.
 * A key or IV of the wrong size fails here (`JX_CIPHER_SIZE`), not at the first field.
 */
export function keyCipherWith(
  compiled: { recipe: Readonly<PayloadCipher>; suite: CipherSuite },
  key: Buffer,
  fixedIv?: Buffer,
): KeyedCipher {
  const { recipe, suite } = compiled;
  const padding = recipe.padding ?? (suite.mode === 'ecb' || suite.mode === 'cbc' ? 'pkcs7' : 'none');
  const encoding = recipe.encoding ?? 'base64';
  const { tag } = recipe;
  const from = recipe.iv?.from;
  const keyIv = from === 'key' ? key.subarray(0, suite.ivBytes) : undefined;
  // Probe: a key or a credential IV of the wrong size fails now, not at the first field.
  const probeIv = from === 'credential' ? fixedIv : (keyIv ?? Buffer.alloc(suite.ivBytes));
  encipher(suite, padding, key, probeIv, Buffer.alloc(0), tag?.length);
  const payloadRead = recipe.iv?.from === 'payload' ? recipe.iv.read : undefined;
  const ivFor = (text: string | undefined, encrypting: boolean): Buffer | undefined => {
    if (from === 'payload') {
      if (text === undefined) throw failed('iv', 'The IV field of the payload is missing.');
      return textBytes(text, payloadRead);
    }
    if (from === 'prepended' && encrypting) return randomBytes(suite.ivBytes);
    return keyIv ?? fixedIv;
  };
  const keyed: KeyedCipher = {
    decryptBytes(frame, ivText) {
      let bytes = frame;
      let iv = ivFor(ivText, false);
      if (from === 'prepended') {
        if (bytes.length < suite.ivBytes) throw failed('length', 'The ciphertext is shorter than its IV.');
        iv = bytes.subarray(0, suite.ivBytes);
        bytes = bytes.subarray(suite.ivBytes);
      }
      let mac: Buffer | undefined;
      if (tag) {
        if (bytes.length < tag.length) throw failed('length', 'The ciphertext is shorter than its GCM tag.');
        const cut = tag.position === 'appended' ? bytes.length - tag.length : tag.length;
        mac = tag.position === 'appended' ? bytes.subarray(cut) : bytes.subarray(0, cut);
        bytes = tag.position === 'appended' ? bytes.subarray(0, cut) : bytes.subarray(cut);
      }
      return decipher(suite, padding, key, iv, bytes, mac);
    },
    encryptBytes(plain, ivText) {
      const iv = ivFor(ivText, true);
      const sealed = encipher(suite, padding, key, iv, plain, tag?.length);
      const mac = sealed.tag ?? Buffer.alloc(0);
      const body = tag?.position === 'prepended' ? [mac, sealed.ciphertext] : [sealed.ciphertext, mac];
      return Buffer.concat(from === 'prepended' ? [iv as Buffer, ...body] : body);
    },
    decrypt(text, ivText) {
      const plain = keyed.decryptBytes(decode(text, encoding), ivText).toString('utf8');
      if (recipe.plaintext !== 'json') return plain;
      try {
        return JSON.parse(plain) as Json;
      } catch {
        throw failed('json', 'The plaintext is not JSON.');
      }
    },
    encrypt(plain, ivText) {
      const text = recipe.plaintext === 'json' ? JSON.stringify(plain) : String(plain);
      return encodeBytes(keyed.encryptBytes(Buffer.from(text, 'utf8'), ivText), ENCODING[encoding]);
    },
  };
  return keyed;
}

const WHITESPACE = /\s/;
const ENCODING = { base64: 'base64', base64url: 'base64url', hex: 'hex-lower' } as const;

function decode(text: string, encoding: CipherEncoding): Buffer {
  // Java's MIME Base64 breaks lines; whitespace is never part of any of these encodings.
  const bytes = decodeBytes(WHITESPACE.test(text) ? text.replace(/\s+/g, '') : text, ENCODING[encoding]);
  if (!bytes) throw failed('encoding', `The value is not ${encoding} text.`);
  return bytes;
}

function failed(reason: string, message: string): JunctionError {
  return new JunctionError('JX_DECRYPT_FAILED', message, { reason, retryable: false });
}
