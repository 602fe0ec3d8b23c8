import { createCipheriv, createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

// A payload cipher recipe is refused when the flow is saved (422, pointer to the part), and a saved
// flow decrypts with the credential's secret; neither it nor the plaintext is stored in the clear.
const SECRET = 'mall-app-secret-2f9c';
const PASSWORD = 'PWD-7f3a9c2e';
const seal = (plain: string) => {
  const cipher = createCipheriv('aes-128-ecb', createHash('md5').update(SECRET).digest(), null);
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
};

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  const created = await t.api('POST', '/api/credentials', {
    id: 'supplier',
    name: 'Supplier',
    kind: 'card-platform',
    allowedHosts: ['api.supplier.test'],
    data: { appKey: 'A1', appSecret: SECRET, gatewayUrl: 'https://api.supplier.test/gateway' },
  });
  expect(created.status).toBe(201);
});
afterAll(async () => t.close());

describe('payload ciphers in saved flows', () => {
  it('refuses a recipe that cannot work with 422 and pointers to its parts', async () => {
    const flow = fixture('decrypt-fields');
    flow.nodes[1]!.config = {
      cipher: { algorithm: 'aes-128', mode: 'gcm', iv: { from: 'prepended' }, key: { digest: 'sha256' } },
      fields: ['/cards/*/cardPwd'],
    };
    const refused = await t.api('PUT', '/api/flows/decrypt-fields', flow);
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('JX_FLOW_INVALID');
    const pointers = (refused.json.error.details.problems as { pointer: string }[]).map((p) => p.pointer);
    expect(pointers).toEqual(['/nodes/1/config/cipher/tag', '/nodes/1/config/cipher/key']);
    flow.nodes[1]!.config = { cipher: { algorithm: 'aes-128', mode: 'ecb', encoding: 'base58' } };
    const unknown = await t.api('PUT', '/api/flows/decrypt-fields', flow);
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details.problems).toContainEqual(
      expect.objectContaining({ pointer: '/nodes/1/config/cipher/encoding' }),
    );
  });

  it('decrypts with the credential; neither the secret nor the plaintext is in the run as stored', async () => {
    const flow = fixture('decrypt-fields');
    expect((await t.api('PUT', '/api/flows/decrypt-fields', flow)).status).toBe(200);
    const version = await t.api('POST', '/api/flows/decrypt-fields/versions');
    await t.api('POST', '/api/flows/decrypt-fields/deploy', { version: version.json.version });
    const input = { orderNo: 'SO-1', cards: [{ cardPwd: seal(PASSWORD) }, { cardPwd: seal('卡密') }] };
    const ran = await t.api('POST', '/api/flows/decrypt-fields/runs?wait=true', { input });
    expect(ran.json.run).toMatchObject({
      status: 'succeeded',
      output: { orderNo: 'SO-1', lengths: [12, 2] },
    });
    const shown = await t.api('GET', `/api/runs/${ran.json.run.id}`);
    expect(shown.text).toContain('SO-1');
    expect(shown.text).not.toContain(SECRET);
    const atRest = readdirSync(t.dataDir)
      .filter((file) => file.startsWith('junction.db'))
      .map((file) => readFileSync(join(t.dataDir, file)).toString('latin1'))
      .join('\n');
    expect(atRest).toContain(ran.json.run.id);
    expect(atRest).not.toContain(SECRET);
    expect(atRest).not.toContain(PASSWORD);
  });

  it('decrypts CBC with the IV of a credential made through the API; the IV is never shown', async () => {
    const IV = 'SUPPLIER-IV-7c2e';
    const key = createHash('md5').update(SECRET).digest();
    const sealCbc = (plain: string) => {
      const cipher = createCipheriv('aes-128-cbc', key, Buffer.from(IV, 'utf8'));
      return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
    };
    const made = await t.api('POST', '/api/credentials', {
      id: 'supplier-iv',
      name: 'Supplier with an IV',
      kind: 'card-platform',
      allowedHosts: ['api.supplier.test'],
      data: { appKey: 'A1', appSecret: SECRET, gatewayUrl: 'https://api.supplier.test/gateway', iv: IV },
    });
    expect(made.status).toBe(201);
    expect(made.text).not.toContain(IV);
    const shownCredential = await t.api('GET', '/api/credentials/supplier-iv');
    expect(shownCredential.status).toBe(200);
    expect(shownCredential.text).not.toContain(IV);
    const listed = await t.api('GET', '/api/credentials');
    expect(listed.text).not.toContain(IV);

    const flow = fixture('decrypt-fields');
    flow.id = 'decrypt-fields-iv';
    flow.nodes[1]!.config = {
      // No field named: the cipher reads the credential's `iv` field.
      cipher: { algorithm: 'aes-128', mode: 'cbc', iv: { from: 'credential' }, key: { digest: 'md5' } },
      fields: ['/cards/*/cardPwd'],
    };
    flow.nodes[1]!.credentials = { auth: 'supplier-iv' };
    expect((await t.api('PUT', '/api/flows/decrypt-fields-iv', flow)).status).toBe(200);
    const version = await t.api('POST', '/api/flows/decrypt-fields-iv/versions');
    await t.api('POST', '/api/flows/decrypt-fields-iv/deploy', { version: version.json.version });
    const input = {
      orderNo: 'SO-2',
      cards: [{ cardPwd: sealCbc(PASSWORD) }, { cardPwd: sealCbc('卡密九') }],
    };
    const ran = await t.api('POST', '/api/flows/decrypt-fields-iv/runs?wait=true', { input });
    expect(ran.json.run).toMatchObject({
      status: 'succeeded',
      output: { orderNo: 'SO-2', lengths: [12, 3] },
    });
    const shown = await t.api('GET', `/api/runs/${ran.json.run.id}`);
    expect(shown.text).toContain('SO-2');
    expect(shown.text).not.toContain(IV);
    expect(shown.text).not.toContain(SECRET);
    const atRest = readdirSync(t.dataDir)
      .filter((file) => file.startsWith('junction.db'))
      .map((file) => readFileSync(join(t.dataDir, file)).toString('latin1'))
      .join('\n');
    expect(atRest).toContain(ran.json.run.id);
    expect(atRest).not.toContain(IV);

    // Without the IV the same recipe fails the run, coded, naming the field and not a value.
    await t.api('POST', '/api/credentials', {
      id: 'supplier-no-iv',
      name: 'Supplier without an IV',
      kind: 'card-platform',
      allowedHosts: ['api.supplier.test'],
      data: { appKey: 'A1', appSecret: SECRET, gatewayUrl: 'https://api.supplier.test/gateway' },
    });
    flow.nodes[1]!.credentials = { auth: 'supplier-no-iv' };
    await t.api('PUT', '/api/flows/decrypt-fields-iv', flow);
    const next = await t.api('POST', '/api/flows/decrypt-fields-iv/versions');
    await t.api('POST', '/api/flows/decrypt-fields-iv/deploy', { version: next.json.version });
    const failed = await t.api('POST', '/api/flows/decrypt-fields-iv/runs?wait=true', { input });
    expect(failed.json.run.status).toBe('failed');
    expect(JSON.stringify(failed.json.run)).toContain('JX_CREDENTIAL_INVALID');
    expect(JSON.stringify(failed.json.run)).toContain('"iv"');
  });
});
