import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CIPHER_PRESETS } from './cipher-presets.ts';
import { compileCipher, keyCipher } from './compile-cipher.ts';
import { md5, sealByHand } from './test-vectors.ts';

// Each preset against a known answer from outside the engine: the card platform SDK's published
// example for the default, and ciphertexts made with node:crypto directly for the others.

const PLAIN = '卡密 CD1000590202001040006363045';
const SECRET_32 = '0a091b3aa4324435aab703142518a8f7';
const preset = (id: string, data: Record<string, string>) => keyCipher(compileCipher(id), data);

describe('payload cipher presets', () => {
  it('aes-256-ecb-secret decrypts the card platform SDK example (the default, unchanged)', () => {
    const cipher = preset('aes-256-ecb-secret', { appSecret: SECRET_32 });
    expect(cipher.decrypt('Gu8k2+8wDXH3zpNv5MIFjZDTK0m1kvm99iBAKIWwQTo=')).toBe(
      'CD1000590202001040006363045',
    );
    expect(cipher.encrypt('CD1000590202001040006363045')).toBe(
      'Gu8k2+8wDXH3zpNv5MIFjZDTK0m1kvm99iBAKIWwQTo=',
    );
  });

  it('aes-128-ecb-md5-key: key = raw MD5 of a secret of any length', () => {
    const secret = 'supplier-app-key-9f';
    const vector = sealByHand('aes-128-ecb', md5(secret), null, PLAIN);
    const cipher = preset('aes-128-ecb-md5-key', { appSecret: secret });
    expect(cipher.decrypt(vector)).toBe(PLAIN);
    expect(cipher.encrypt(PLAIN)).toBe(vector);
  });

  it('aes-128-ecb-secret-16: key = the first 16 bytes of the secret', () => {
    const vector = sealByHand('aes-128-ecb', Buffer.from(SECRET_32.slice(0, 16)), null, PLAIN);
    expect(preset('aes-128-ecb-secret-16', { appSecret: SECRET_32 }).decrypt(vector)).toBe(PLAIN);
  });

  it('aes-128-cbc-iv-key: IV = key', () => {
    const key = Buffer.from('1234567890abcdef');
    const vector = sealByHand('aes-128-cbc', key, key, PLAIN);
    const cipher = preset('aes-128-cbc-iv-key', { appSecret: '1234567890abcdef' });
    expect(cipher.decrypt(vector)).toBe(PLAIN);
    expect(cipher.encrypt(PLAIN)).toBe(vector);
  });

  it('aes-256-cbc-iv-prepended: Base64 of IV + ciphertext, a fresh IV each time', () => {
    const iv = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const vector = sealByHand('aes-256-cbc', Buffer.from(SECRET_32), iv, PLAIN, 'base64', iv);
    const cipher = preset('aes-256-cbc-iv-prepended', { appSecret: SECRET_32 });
    expect(cipher.decrypt(vector)).toBe(PLAIN);
    const made = Buffer.from(cipher.encrypt(PLAIN), 'base64');
    expect(made.subarray(0, 16)).not.toEqual(iv);
    const decipher = createDecipheriv('aes-256-cbc', Buffer.from(SECRET_32), made.subarray(0, 16));
    expect(Buffer.concat([decipher.update(made.subarray(16)), decipher.final()]).toString('utf8')).toBe(
      PLAIN,
    );
  });

  it('aes-256-gcm-tag-appended: IV + ciphertext + tag; a changed byte fails authentication', () => {
    const iv = Buffer.from('cafebabefacedbaddecaf888', 'hex');
    const vector = sealByHand('aes-256-gcm', Buffer.from(SECRET_32), iv, PLAIN, 'base64', iv);
    const cipher = preset('aes-256-gcm-tag-appended', { appSecret: SECRET_32 });
    expect(cipher.decrypt(vector)).toBe(PLAIN);
    const bytes = Buffer.from(vector, 'base64');
    bytes[14] = (bytes[14] as number) ^ 1;
    expect(() => cipher.decrypt(bytes.toString('base64'))).toThrow(
      expect.objectContaining({
        code: 'JX_DECRYPT_FAILED',
        details: { reason: 'authentication', retryable: false },
      }),
    );
  });

  it('sm4-ecb-hex: SM4 (GB/T 32907) ECB, hex ciphertext', () => {
    const key = 'sm4-secret-16byt';
    const vector = sealByHand('sm4-ecb', Buffer.from(key), null, PLAIN, 'hex');
    const cipher = preset('sm4-ecb-hex', { appSecret: key });
    expect(cipher.decrypt(vector)).toBe(PLAIN);
    expect(cipher.decrypt(vector.toUpperCase())).toBe(PLAIN);
    expect(cipher.encrypt(PLAIN)).toBe(vector);
  });

  it('3des-ecb-base64: DESede ECB with a 24-byte secret', () => {
    const key = 'three-des-secret-24bytes';
    const vector = sealByHand('des-ede3', Buffer.from(key), null, PLAIN);
    const cipher = preset('3des-ecb-base64', { appSecret: key });
    expect(cipher.decrypt(vector)).toBe(PLAIN);
    expect(cipher.encrypt(PLAIN)).toBe(vector);
  });

  it('has at least six presets, each with a test above', () => {
    expect(CIPHER_PRESETS.map((p) => p.id)).toEqual([
      'aes-256-ecb-secret',
      'aes-128-ecb-md5-key',
      'aes-128-ecb-secret-16',
      'aes-128-cbc-iv-key',
      'aes-256-cbc-iv-prepended',
      'aes-256-gcm-tag-appended',
      'sm4-ecb-hex',
      '3des-ecb-base64',
    ]);
  });
});
