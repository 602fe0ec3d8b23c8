import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../server/start-server.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { rotateMasterKey } from '../vault/rotate-master-key.ts';

const SECRETS = ['tok-SECRET-7f3a9c1e', 'pw-SECRET-55aa77bb', 'custom-SECRET-0d0d0d0d'];

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

function dataFilesContain(dir: string, needle: string): boolean {
  return readdirSync(dir)
    .filter((f) => f.startsWith('junction.db'))
    .some((f) => readFileSync(join(dir, f)).includes(Buffer.from(needle)));
}

describe('credentials API', () => {
  it('keeps secret fields write-only and encrypted at rest', async () => {
    const bearer = await t.api('POST', '/api/credentials', {
      id: 'supplier-token',
      name: 'Supplier token',
      kind: 'bearer',
      allowedHosts: ['api.supplier.test'],
      data: { token: SECRETS[0] },
    });
    expect(bearer.status).toBe(201);
    expect(bearer.json.credential).toMatchObject({
      id: 'supplier-token',
      kind: 'bearer',
      allowedHosts: ['api.supplier.test'],
      fields: {},
      secretFields: ['token'],
    });
    const basic = await t.api('POST', '/api/credentials', {
      name: 'Basic',
      kind: 'basic',
      allowedHosts: ['*'],
      data: { username: 'merchant', password: SECRETS[1] },
    });
    expect(basic.json.credential).toMatchObject({
      fields: { username: 'merchant' },
      secretFields: ['password'],
    });
    // An unknown kind is refused: nothing could use it and its fields cannot be checked.
    const custom = await t.api('POST', '/api/credentials', {
      name: 'Custom',
      kind: 'home-made',
      allowedHosts: ['x.test'],
      data: { key: SECRETS[2] },
    });
    expect(custom.status).toBe(422);
    expect(custom.json.error.code).toBe('JX_CREDENTIAL_KIND_UNKNOWN');

    const patched = await t.api('PATCH', '/api/credentials/supplier-token', {
      allowedHosts: ['*.supplier.test'],
    });
    expect(patched.json.credential).toMatchObject({
      allowedHosts: ['*.supplier.test'],
      secretFields: ['token'],
    });
    const renamed = await t.api('PUT', `/api/credentials/${basic.json.credential.id}`, { name: 'Basic 2' });
    expect(renamed.json.credential.name).toBe('Basic 2');
    expect(renamed.json.credential.secretFields).toContain('password');

    const list = await t.api('GET', '/api/credentials');
    expect(list.json.credentials).toHaveLength(2);
    const one = await t.api('GET', '/api/credentials/supplier-token');
    expect(one.status).toBe(200);
    expect(one.json.credential).toMatchObject({ id: 'supplier-token', secretFields: ['token'] });
    expect((await t.api('GET', '/api/credentials/nope')).status).toBe(404);
    for (const response of [bearer, basic, custom, patched, renamed, list, one]) {
      for (const secret of SECRETS) expect(response.text).not.toContain(secret);
    }
    for (const secret of SECRETS) expect(dataFilesContain(t.dataDir, secret)).toBe(false);
    for (const secret of SECRETS) expect(t.logs.join('')).not.toContain(secret);
  });

  it('answers error shapes for duplicates, missing credentials and bad bodies', async () => {
    await t.api('POST', '/api/credentials', {
      id: 'dup',
      name: 'A',
      kind: 'bearer',
      allowedHosts: ['x.test'],
      data: { token: 'abcdefgh' },
    });
    const dup = await t.api('POST', '/api/credentials', { id: 'dup', name: 'A', kind: 'bearer', data: {} });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('JX_CREDENTIAL_EXISTS');
    const missing = await t.api('PATCH', '/api/credentials/nope', { name: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('JX_CREDENTIAL_NOT_FOUND');
    const bad = await t.api('POST', '/api/credentials', { name: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.problems[0].message).toContain('kind');
    expect((await t.api('DELETE', '/api/credentials/dup')).status).toBe(204);
    expect((await t.api('DELETE', '/api/credentials/dup')).status).toBe(404);
  });

  it('refuses fields that do not fit the kind, and credentials without allowed hosts (422)', async () => {
    const missing = await t.api('POST', '/api/credentials', {
      name: 'No token',
      kind: 'bearer',
      allowedHosts: ['x.test'],
      data: {},
    });
    expect(missing.status).toBe(422);
    expect(missing.json.error.code).toBe('JX_CREDENTIAL_INVALID');
    expect(missing.json.error.details.problems).toEqual([
      expect.objectContaining({ pointer: '/data/token' }),
    ]);
    const wrongType = await t.api('POST', '/api/credentials', {
      name: 'Odd',
      kind: 'basic',
      allowedHosts: ['x.test'],
      data: { username: 42 },
    });
    expect(wrongType.status).toBe(422);
    expect(wrongType.json.error.details.problems[0].pointer).toBe('/data/username');
    for (const allowedHosts of [undefined, [], ['  ']]) {
      const noHosts = await t.api('POST', '/api/credentials', {
        name: 'Anywhere',
        kind: 'bearer',
        ...(allowedHosts ? { allowedHosts } : {}),
        data: { token: 'tok-12345678' },
      });
      expect(noHosts.status).toBe(422);
      expect(noHosts.json.error.code).toBe('JX_CREDENTIAL_HOSTS_REQUIRED');
    }
    const cleared = await t.api('PATCH', '/api/credentials/supplier-token', { allowedHosts: [] });
    expect(cleared.json.error.code).toBe('JX_CREDENTIAL_HOSTS_REQUIRED');
    const emptied = await t.api('PATCH', '/api/credentials/supplier-token', { data: { token: null } });
    expect(emptied.status).toBe(422);
    expect((await t.api('GET', '/api/credentials')).json.credentials).toHaveLength(2);
  });

  it('refuses a card-platform gateway URL that is not a URL, on create and on update (422)', async () => {
    const credential = (gatewayUrl: string) => ({
      id: 'gateway',
      name: 'Supplier gateway',
      kind: 'card-platform',
      allowedHosts: ['api.supplier.test'],
      data: { appKey: 'AK1', appSecret: 'as-SECRET-91e0', gatewayUrl },
    });
    const bad = await t.api('POST', '/api/credentials', credential('not a url'));
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe('JX_CREDENTIAL_INVALID');
    expect(bad.json.error.details.problems).toEqual([
      { pointer: '/data/gatewayUrl', message: 'must match format "uri"' },
    ]);
    const good = await t.api('POST', '/api/credentials', credential('https://api.supplier.test/api/gateway'));
    expect(good.status).toBe(201);
    const patched = await t.api('PATCH', '/api/credentials/gateway', { data: { gatewayUrl: 'api/gateway' } });
    expect(patched.status).toBe(422);
    expect(patched.json.error.details.problems[0].pointer).toBe('/data/gatewayUrl');
    expect((await t.api('DELETE', '/api/credentials/gateway')).status).toBe(204);
  });

  it('generates the master key with mode 0600 and refuses to start with another key', async () => {
    const mode = statSync(join(t.dataDir, 'master.key')).mode & 0o777;
    expect(mode).toBe(0o600);
    await t.server.close();
    await expect(
      startServer({
        port: 0,
        dataDir: t.dataDir,
        masterKey: 'ab'.repeat(32),
        logDestination: { write() {} },
      }),
    ).rejects.toMatchObject({
      code: 'JX_MASTER_KEY_MISMATCH',
    });
    await t.restart();
  });

  it('rotates the master key and re-encrypts every credential', async () => {
    const before = readFileSync(join(t.dataDir, 'master.key'), 'utf8');
    await t.server.close();
    const result = await rotateMasterKey(t.dataDir, '');
    expect(result.resealed).toBe(2);
    expect(readFileSync(join(t.dataDir, 'master.key'), 'utf8')).not.toBe(before);
    await t.restart();
    const list = await t.api('GET', '/api/credentials');
    expect(list.json.credentials).toHaveLength(2);
    for (const secret of SECRETS) expect(dataFilesContain(t.dataDir, secret)).toBe(false);
  });
});
