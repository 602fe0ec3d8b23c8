import type { PayloadCipher } from './cipher-types.ts';

/** A named payload cipher: the conventions card platforms use most. */
export interface CipherPreset {
  id: string;
  title: string;
  description: string;
  recipe: PayloadCipher;
}

/** The built-in presets; `aes-256-ecb-secret` is the card platform's default. */
export const CIPHER_PRESETS: readonly CipherPreset[] = [
  {
    id: 'aes-256-ecb-secret',
    title: 'AES-256-ECB, PKCS#7, Base64; key = the 32-byte app secret',
    description: 'The card platform default (cardPlatform.decryptCards without a cipher).',
    recipe: { algorithm: 'aes-256', mode: 'ecb', padding: 'pkcs7', encoding: 'base64' },
  },
  {
    id: 'aes-128-ecb-md5-key',
    title: 'AES-128-ECB, PKCS#7, Base64; key = raw MD5 of the app secret',
    description: 'Suppliers that derive a 16-byte key from a secret of any length by MD5.',
    recipe: {
      algorithm: 'aes-128',
      mode: 'ecb',
      padding: 'pkcs7',
      encoding: 'base64',
      key: { digest: 'md5' },
    },
  },
  {
    id: 'aes-128-ecb-secret-16',
    title: 'AES-128-ECB, PKCS#7, Base64; key = the first 16 bytes of the app secret',
    description: 'Suppliers that cut their 32-character secret to an AES-128 key.',
    recipe: {
      algorithm: 'aes-128',
      mode: 'ecb',
      padding: 'pkcs7',
      encoding: 'base64',
      key: { slice: { start: 0, length: 16 } },
    },
  },
  {
    id: 'aes-128-cbc-iv-key',
    title: 'AES-128-CBC, PKCS#7, Base64; IV = key = the 16-byte secret',
    description: 'The common "IV equals the key" convention.',
    recipe: { algorithm: 'aes-128', mode: 'cbc', padding: 'pkcs7', encoding: 'base64', iv: { from: 'key' } },
  },
  {
    id: 'aes-256-cbc-iv-prepended',
    title: 'AES-256-CBC, PKCS#7, Base64 of IV + ciphertext',
    description: 'A random 16-byte IV in front of each ciphertext; key = the 32-byte secret.',
    recipe: {
      algorithm: 'aes-256',
      mode: 'cbc',
      padding: 'pkcs7',
      encoding: 'base64',
      iv: { from: 'prepended' },
    },
  },
  {
    id: 'aes-256-gcm-tag-appended',
    title: 'AES-256-GCM, Base64 of 12-byte IV + ciphertext + 16-byte tag',
    description: 'Authenticated: a changed ciphertext fails instead of decrypting to garbage.',
    recipe: {
      algorithm: 'aes-256',
      mode: 'gcm',
      padding: 'none',
      encoding: 'base64',
      iv: { from: 'prepended' },
      tag: { length: 16, position: 'appended' },
    },
  },
  {
    id: 'sm4-ecb-hex',
    title: 'SM4-ECB, PKCS#7, hex; key = the 16-byte secret',
    description: 'The Chinese national block cipher (GB/T 32907) as domestic platforms use it.',
    recipe: { algorithm: 'sm4', mode: 'ecb', padding: 'pkcs7', encoding: 'hex' },
  },
  {
    id: '3des-ecb-base64',
    title: '3DES-ECB (DESede), PKCS#7, Base64; key = the 24-byte secret',
    description: 'Older platforms (Java "DESede/ECB/PKCS5Padding").',
    recipe: { algorithm: '3des', mode: 'ecb', padding: 'pkcs7', encoding: 'base64' },
  },
];

/** The preset with `id`, or undefined. */
export function cipherPreset(id: string): CipherPreset | undefined {
  return CIPHER_PRESETS.find((preset) => preset.id === id);
}
