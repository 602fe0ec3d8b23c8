import { describe, expect, it } from 'vitest';
import { checkCipherChoice, checkPayloadCipher } from './check-cipher.ts';
import { CIPHER_PRESETS } from './cipher-presets.ts';
import { compileCipher } from './compile-cipher.ts';

const pointers = (recipe: unknown) => checkPayloadCipher(recipe).map((p) => p.pointer);

describe('checkPayloadCipher', () => {
  it('finds nothing wrong with the presets', () => {
    for (const preset of CIPHER_PRESETS) expect(checkPayloadCipher(preset.recipe)).toEqual([]);
  });

  it('refuses a key whose length is known and wrong for the algorithm', () => {
    expect(checkPayloadCipher({ algorithm: 'aes-128', mode: 'ecb', key: { digest: 'sha256' } })).toEqual([
      { pointer: '/key', message: 'gives a 32-byte key; aes-128 needs 16 bytes' },
    ]);
    expect(pointers({ algorithm: 'aes-256', mode: 'ecb', key: { digest: 'md5', digestAs: 'hex' } })).toEqual(
      [],
    );
    expect(
      pointers({
        algorithm: 'aes-128',
        mode: 'ecb',
        key: { digest: 'md5', digestAs: 'hex', slice: { length: 16 } },
      }),
    ).toEqual([]);
    expect(pointers({ algorithm: '3des', mode: 'ecb', key: { slice: { length: 16 } } })).toEqual(['/key']);
  });

  it('refuses GCM without a tag, a tag without GCM, and padding with a stream mode', () => {
    expect(pointers({ algorithm: 'aes-256', mode: 'gcm', iv: { from: 'prepended' } })).toEqual(['/tag']);
    expect(
      pointers({ algorithm: 'aes-256', mode: 'ecb', tag: { length: 16, position: 'appended' } }),
    ).toEqual(['/tag']);
    expect(pointers({ algorithm: 'aes-128', mode: 'ctr', padding: 'pkcs7', iv: { from: 'key' } })).toEqual([
      '/padding',
    ]);
  });

  it('refuses an unknown encoding or algorithm with the allowed values', () => {
    expect(checkPayloadCipher({ algorithm: 'aes-128', mode: 'ecb', encoding: 'base58' })).toEqual([
      { pointer: '/encoding', message: 'must be one of base64, base64url, hex' },
    ]);
    expect(pointers({ algorithm: 'des', mode: 'ecb' })).toEqual(['/algorithm']);
    expect(pointers({ mode: 'ecb', colour: 'red' })).toEqual(['/algorithm', '/colour']);
  });

  it('refuses an IV with ECB, none with CBC, a mode the algorithm lacks, and a payload IV without its pointer', () => {
    expect(pointers({ algorithm: 'aes-128', mode: 'ecb', iv: { from: 'key' } })).toEqual(['/iv']);
    expect(pointers({ algorithm: 'aes-128', mode: 'cbc' })).toEqual(['/iv']);
    expect(pointers({ algorithm: '3des', mode: 'gcm', tag: { length: 16, position: 'appended' } })).toEqual([
      '/mode',
    ]);
    // A credential IV without a field name reads the credential kinds' `iv` field.
    expect(pointers({ algorithm: 'sm4', mode: 'cbc', iv: { from: 'credential' } })).toEqual([]);
    expect(pointers({ algorithm: 'sm4', mode: 'cbc', iv: { from: 'payload' } })).toEqual(['/iv/pointer']);
    expect(pointers({ algorithm: 'aes-128', mode: 'cbc', iv: { from: 'key', pointer: '/iv' } })).toEqual([
      '/iv/pointer',
    ]);
  });

  it('names an unknown preset at the config pointer, and compiling refuses what the check refuses', () => {
    expect(checkCipherChoice('aes-999', '/cipher')).toEqual([
      { pointer: '/cipher', message: 'is not a payload cipher preset (aes-999)' },
    ]);
    expect(() => compileCipher({ algorithm: 'aes-128', mode: 'gcm', iv: { from: 'prepended' } })).toThrow(
      expect.objectContaining({
        code: 'JX_CIPHER_INVALID',
        details: expect.objectContaining({ retryable: false }),
      }),
    );
  });
});
