import { describe, expect, it } from 'vitest';
import { decryptCard, encryptCard } from '../index.ts';

const SECRET = '0a091b3aa4324435aab703142518a8f7';

describe('card cipher', () => {
  it('decrypts the known card vector', () => {
    expect(decryptCard('Gu8k2+8wDXH3zpNv5MIFjZDTK0m1kvm99iBAKIWwQTo=', SECRET)).toBe(
      'CD1000590202001040006363045',
    );
  });

  it('encrypts to the known vector (ECB is deterministic)', () => {
    expect(encryptCard('CD1000590202001040006363045', SECRET)).toBe(
      'Gu8k2+8wDXH3zpNv5MIFjZDTK0m1kvm99iBAKIWwQTo=',
    );
  });

  it('round-trips non-ASCII text', () => {
    expect(decryptCard(encryptCard('卡密 12345', SECRET), SECRET)).toBe('卡密 12345');
  });

  it('refuses a wrong secret with a coded error', () => {
    const encrypted = encryptCard('CD1', SECRET);
    expect(() => decryptCard(encrypted, 'ffffffffffffffffffffffffffffffff')).toThrow(
      expect.objectContaining({ code: 'JX_SANDBOX_CARD_DECRYPT' }),
    );
  });

  it('refuses a secret that is not 32 bytes', () => {
    expect(() => encryptCard('x', 'short')).toThrow(expect.objectContaining({ code: 'JX_SANDBOX_CARD_KEY' }));
  });
});
