import { describe, expect, it } from 'vitest';
import { decryptCardField } from './card-cipher.ts';

describe('decryptCardField', () => {
  it('decrypts the public SDK known answer (AES-256-ECB/PKCS7, secret as key)', () => {
    expect(
      decryptCardField('Gu8k2+8wDXH3zpNv5MIFjZDTK0m1kvm99iBAKIWwQTo=', '0a091b3aa4324435aab703142518a8f7'),
    ).toBe('CD1000590202001040006363045');
  });

  it('fails with a coded error for a wrong secret or a short key', () => {
    expect(() => decryptCardField('Gu8k2+8wDXH3zpNv5MIFjZDTK0m1kvm99iBAKIWwQTo=', 'f'.repeat(32))).toThrow(
      expect.objectContaining({ code: 'JX_CARD_DECRYPT_FAILED' }),
    );
    expect(() => decryptCardField('xx', 'short')).toThrow(
      expect.objectContaining({ code: 'JX_CREDENTIAL_INVALID' }),
    );
  });
});
