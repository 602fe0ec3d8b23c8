import { describe, expect, it } from 'vitest';
import type { PayloadCipher } from './cipher-types.ts';
import { compileCipher, keyCipher } from './compile-cipher.ts';

// Published vectors: NIST SP 800-38A appendix F (the four-block plaintext under each mode) and
// GB/T 32907-2016 appendix A (SM4). They go through the whole recipe path: key read as hex from the
// credential, IV from the credential, no padding, hex ciphertext.

const PLAIN =
  '6bc1bee22e409f96e93d7e117393172a' +
  'ae2d8a571e03ac9c9eb76fac45af8e51' +
  '30c81c46a35ce411e5fbc1191a0a52ef' +
  'f69f2445df4f9b17ad2b417be66c3710';
const KEY_128 = '2b7e151628aed2a6abf7158809cf4f3c';
const KEY_192 = '8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b';
const KEY_256 = '603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4';
const CBC_IV = '000102030405060708090a0b0c0d0e0f';
const CTR_IV = 'f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff';

const VECTORS: [
  string,
  PayloadCipher['algorithm'],
  PayloadCipher['mode'],
  string,
  string | undefined,
  string,
][] = [
  [
    'F.1.1 ECB-AES128',
    'aes-128',
    'ecb',
    KEY_128,
    undefined,
    '3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4',
  ],
  [
    'F.1.3 ECB-AES192',
    'aes-192',
    'ecb',
    KEY_192,
    undefined,
    'bd334f1d6e45f25ff712a214571fa5cc974104846d0ad3ad7734ecb3ecee4eefef7afd2270e2e60adce0ba2face6444e9a4b41ba738d6c72fb16691603c18e0e',
  ],
  [
    'F.1.5 ECB-AES256',
    'aes-256',
    'ecb',
    KEY_256,
    undefined,
    'f3eed1bdb5d2a03c064b5a7e3db181f8591ccb10d410ed26dc5ba74a31362870b6ed21b99ca6f4f9f153e7b1beafed1d23304b7a39f9f3ff067d8d8f9e24ecc7',
  ],
  [
    'F.2.1 CBC-AES128',
    'aes-128',
    'cbc',
    KEY_128,
    CBC_IV,
    '7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7',
  ],
  [
    'F.2.5 CBC-AES256',
    'aes-256',
    'cbc',
    KEY_256,
    CBC_IV,
    'f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b',
  ],
  [
    'F.5.1 CTR-AES128',
    'aes-128',
    'ctr',
    KEY_128,
    CTR_IV,
    '874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee',
  ],
  [
    'F.5.5 CTR-AES256',
    'aes-256',
    'ctr',
    KEY_256,
    CTR_IV,
    '601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c52b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6',
  ],
];

/** A cipher for raw hex blocks: the plaintext is hex too, so it is read back as bytes. */
function hexCipher(
  algorithm: PayloadCipher['algorithm'],
  mode: PayloadCipher['mode'],
  key: string,
  iv?: string,
) {
  const recipe: PayloadCipher = {
    algorithm,
    mode,
    padding: 'none',
    encoding: 'hex',
    key: { field: 'key', read: 'hex' },
    ...(iv === undefined ? {} : { iv: { from: 'credential', field: 'iv', read: 'hex' } }),
  };
  return keyCipher(compileCipher(recipe), { key, ...(iv === undefined ? {} : { iv }) });
}

describe('payload cipher known answers', () => {
  it.each(VECTORS)('NIST SP 800-38A %s', (_name, algorithm, mode, key, iv, ciphertext) => {
    const cipher = hexCipher(algorithm, mode, key, iv);
    expect(cipher.encryptBytes(Buffer.from(PLAIN, 'hex')).toString('hex')).toBe(ciphertext);
    expect(cipher.decryptBytes(Buffer.from(ciphertext, 'hex')).toString('hex')).toBe(PLAIN);
  });

  it('GB/T 32907 SM4 example: key = plaintext = 0123456789abcdeffedcba9876543210', () => {
    const key = '0123456789abcdeffedcba9876543210';
    const cipher = hexCipher('sm4', 'ecb', key);
    expect(cipher.encryptBytes(Buffer.from(key, 'hex')).toString('hex')).toBe(
      '681edf34d206965e86b3e94f536e4246',
    );
    expect(cipher.decryptBytes(Buffer.from('681edf34d206965e86b3e94f536e4246', 'hex')).toString('hex')).toBe(
      key,
    );
  });
});
