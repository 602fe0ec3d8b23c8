import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateServerSchema } from '../db/server-schema.ts';
import { sqliteDatabase } from '../db/sqlite-database.ts';
import { SecretScrubber } from '../logging/secret-scrubber.ts';
import { generateMasterKey } from './cipher.ts';
import { CredentialVault } from './credential-vault.ts';

async function vault(keys = generateMasterKey()) {
  const db = new Database(':memory:');
  await migrateServerSchema(sqliteDatabase(db));
  const scrubber = new SecretScrubber();
  const v = await CredentialVault.open({
    db: sqliteDatabase(db),
    current: keys,
    keyring: [keys],
    scrubber,
    secretFieldsOf: (kind: string) => (kind === 'basic' ? ['password'] : undefined),
  });
  return { v, db, scrubber };
}

describe('CredentialVault', () => {
  it('splits public and secret fields by the kind and resolves both', async () => {
    const { v } = await vault();
    const view = await v.create({
      id: 'b',
      name: 'B',
      kind: 'basic',
      allowedHosts: ['x.test'],
      data: { username: 'u', password: 'p4ssw0rd!' },
    });
    expect(view).toMatchObject({ fields: { username: 'u' }, secretFields: ['password'] });
    expect(await v.resolve('b')).toEqual({
      id: 'b',
      kind: 'basic',
      data: { username: 'u', password: 'p4ssw0rd!' },
      allowedHosts: ['x.test'],
    });
  });

  it('keeps omitted secrets on update and removes fields set to null', async () => {
    const { v } = await vault();
    await v.create({
      id: 'b',
      name: 'B',
      kind: 'basic',
      allowedHosts: ['x.test'],
      data: { username: 'u', password: 'p4ssw0rd!' },
    });
    await v.update('b', { data: { username: 'v' } });
    expect((await v.resolve('b'))?.data).toEqual({ username: 'v', password: 'p4ssw0rd!' });
    await v.update('b', { data: { password: null } });
    expect((await v.get('b')).secretFields).toEqual([]);
  });

  it('stores ciphertext only, bound to the credential id', async () => {
    const { v, db } = await vault();
    await v.create({
      id: 'a',
      name: 'A',
      kind: 'basic',
      allowedHosts: ['x.test'],
      data: { password: 'first-secret' },
    });
    await v.create({
      id: 'b',
      name: 'B',
      kind: 'basic',
      allowedHosts: ['x.test'],
      data: { password: 'second-secret' },
    });
    const rows = db.prepare('SELECT * FROM srv_credentials').all();
    expect(JSON.stringify(rows)).not.toContain('first-secret');
    // Swapping sealed blobs between rows must not decrypt (AAD = id).
    const blobA = (
      db.prepare("SELECT secret_blob FROM srv_credentials WHERE id = 'a'").get() as { secret_blob: string }
    ).secret_blob;
    db.prepare("UPDATE srv_credentials SET secret_blob = ? WHERE id = 'b'").run(blobA);
    await expect(v.resolve('b')).rejects.toMatchObject({ code: 'JX_VAULT_CORRUPT' });
  });

  it('feeds every secret to the log scrubber', async () => {
    const { v, scrubber } = await vault();
    await v.create({
      id: 'a',
      name: 'A',
      kind: 'other',
      allowedHosts: ['x.test'],
      data: { apiKey: 'k-123456789' },
    });
    expect(scrubber.scrub('calling with k-123456789 now')).toBe('calling with [REDACTED] now');
  });

  it('re-seals under a new key', async () => {
    const first = generateMasterKey();
    const { v, db } = await vault(first);
    await v.create({
      id: 'a',
      name: 'A',
      kind: 'basic',
      allowedHosts: ['x.test'],
      data: { password: 'rotate-me' },
    });
    const next = generateMasterKey();
    expect(await v.reseal(next)).toBe(1);
    const row = db.prepare('SELECT key_id FROM srv_credentials').get() as { key_id: string };
    expect(row.key_id).toBe(next.id);
    const reopened = await CredentialVault.open({
      db: sqliteDatabase(db),
      current: next,
      keyring: [next],
      scrubber: new SecretScrubber(),
      secretFieldsOf: () => ['password'],
    });
    expect((await reopened.resolve('a'))?.data.password).toBe('rotate-me');
  });
});

describe('CredentialVault cache', () => {
  it('serves resolved credentials from memory until the row changes, in this or another process', async () => {
    const keys = generateMasterKey();
    const db = new Database(':memory:');
    await migrateServerSchema(sqliteDatabase(db));
    const open = () =>
      CredentialVault.open({
        db: sqliteDatabase(db),
        current: keys,
        keyring: [keys],
        scrubber: new SecretScrubber(),
        secretFieldsOf: () => ['password'],
      });
    const here = await open();
    const elsewhere = await open();
    await here.create({
      id: 'b',
      name: 'B',
      kind: 'basic',
      allowedHosts: ['x.test'],
      data: { password: 'one-1111' },
    });
    const first = await here.resolve('b');
    first!.data.password = 'changed by a node';
    expect((await here.resolve('b'))?.data.password).toBe('one-1111');
    await elsewhere.update('b', { data: { password: 'two-2222' } });
    expect((await here.resolve('b'))?.data.password).toBe('two-2222');
    await here.update('b', { allowedHosts: ['y.test'] });
    expect((await here.resolve('b'))?.allowedHosts).toEqual(['y.test']);
    await elsewhere.delete('b');
    expect(await here.resolve('b')).toBeUndefined();
  });
});
