import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateServerSchema } from '../db/server-schema.ts';
import { SecretScrubber } from '../logging/secret-scrubber.ts';
import { generateMasterKey } from './cipher.ts';
import { CredentialVault } from './credential-vault.ts';

function vault(keys = generateMasterKey()) {
  const db = new Database(':memory:');
  migrateServerSchema(db);
  const scrubber = new SecretScrubber();
  const v = new CredentialVault({
    db,
    current: keys,
    keyring: [keys],
    scrubber,
    secretFieldsOf: (kind) => (kind === 'basic' ? ['password'] : undefined),
  });
  return { v, db, scrubber };
}

describe('CredentialVault', () => {
  it('splits public and secret fields by the kind and resolves both', () => {
    const { v } = vault();
    const view = v.create({
      id: 'b',
      name: 'B',
      kind: 'basic',
      allowedHosts: ['x.test'],
      data: { username: 'u', password: 'p4ssw0rd!' },
    });
    expect(view).toMatchObject({ fields: { username: 'u' }, secretFields: ['password'] });
    expect(v.resolve('b')).toEqual({
      id: 'b',
      kind: 'basic',
      data: { username: 'u', password: 'p4ssw0rd!' },
      allowedHosts: ['x.test'],
    });
  });

  it('keeps omitted secrets on update and removes fields set to null', () => {
    const { v } = vault();
    v.create({ id: 'b', name: 'B', kind: 'basic', data: { username: 'u', password: 'p4ssw0rd!' } });
    v.update('b', { data: { username: 'v' } });
    expect(v.resolve('b')?.data).toEqual({ username: 'v', password: 'p4ssw0rd!' });
    v.update('b', { data: { password: null } });
    expect(v.get('b').secretFields).toEqual([]);
  });

  it('stores ciphertext only, bound to the credential id', () => {
    const { v, db } = vault();
    v.create({ id: 'a', name: 'A', kind: 'basic', data: { password: 'first-secret' } });
    v.create({ id: 'b', name: 'B', kind: 'basic', data: { password: 'second-secret' } });
    const rows = db.prepare('SELECT * FROM srv_credentials').all();
    expect(JSON.stringify(rows)).not.toContain('first-secret');
    // Swapping sealed blobs between rows must not decrypt (AAD = id).
    const blobA = (
      db.prepare("SELECT secret_blob FROM srv_credentials WHERE id = 'a'").get() as { secret_blob: string }
    ).secret_blob;
    db.prepare("UPDATE srv_credentials SET secret_blob = ? WHERE id = 'b'").run(blobA);
    expect(() => v.resolve('b')).toThrow(expect.objectContaining({ code: 'JX_VAULT_CORRUPT' }));
  });

  it('feeds every secret to the log scrubber', () => {
    const { v, scrubber } = vault();
    v.create({ id: 'a', name: 'A', kind: 'other', data: { apiKey: 'k-123456789' } });
    expect(scrubber.scrub('calling with k-123456789 now')).toBe('calling with [REDACTED] now');
  });

  it('re-seals under a new key', () => {
    const first = generateMasterKey();
    const { v, db } = vault(first);
    v.create({ id: 'a', name: 'A', kind: 'basic', data: { password: 'rotate-me' } });
    const next = generateMasterKey();
    expect(v.reseal(next)).toBe(1);
    const row = db.prepare('SELECT key_id FROM srv_credentials').get() as { key_id: string };
    expect(row.key_id).toBe(next.id);
    const reopened = new CredentialVault({
      db,
      current: next,
      keyring: [next],
      scrubber: new SecretScrubber(),
      secretFieldsOf: () => ['password'],
    });
    expect(reopened.resolve('a')?.data.password).toBe('rotate-me');
  });
});
