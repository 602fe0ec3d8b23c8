import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { JunctionError } from '@junction/runtime';

/** A 32-byte AES key with its short public id (so ciphertexts say which key sealed them). */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** Derives the key id: a hash prefix, safe to store and log, useless for recovering the key. */
export function masterKeyFrom(key: Buffer): MasterKey {
  if (key.length !== 32) {
    throw new JunctionError(
      'JX_MASTER_KEY_INVALID',
      'The master key must be 32 bytes, given as 64 hex characters or base64.',
      { length: key.length },
    );
  }
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
}

/** Parses a master key written as 64 hex characters or base64 of 32 bytes. */
export function parseMasterKey(text: string): MasterKey {
  const trimmed = text.trim();
  const raw = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  return masterKeyFrom(raw);
}

/** A fresh random master key. */
export function generateMasterKey(): MasterKey {
  return masterKeyFrom(randomBytes(32));
}

/** Seals plaintext with AES-256-GCM: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). */
export function seal(plaintext: string, master: MasterKey, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master.key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    'v1',
    master.id,
    iv.toString('base64url'),
    tag.toString('base64url'),
    body.toString('base64url'),
  ].join('.');
}

/**
 * Opens a sealed value with whichever key of `keyring` sealed it. `aad` binds the ciphertext to its
 * credential id, so secrets cannot be swapped between rows.
 */
export function open(sealed: string, keyring: MasterKey[], aad: string): string {
  const [version, keyId, iv, tag, body] = sealed.split('.');
  const master = keyring.find((k) => k.id === keyId);
  if (version !== 'v1' || !iv || !tag || body === undefined) {
    throw new JunctionError(
      'JX_VAULT_CORRUPT',
      'A stored credential is not in a format this server reads.',
      {},
    );
  }
  if (!master) {
    throw new JunctionError(
      'JX_MASTER_KEY_MISMATCH',
      `A credential is sealed with master key ${keyId}, which this server does not have; set JUNCTION_MASTER_KEY to that key.`,
      { keyId },
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', master.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch (cause) {
    throw new JunctionError(
      'JX_VAULT_CORRUPT',
      'A stored credential failed its integrity check; it was modified or sealed with another key.',
      { keyId },
      { cause },
    );
  }
}
