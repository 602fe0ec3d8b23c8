import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

// The workbench's API with the published "k=v&…&key=" example: its key, request and signature.
const KEY = '192006250b4c09247ec02edce69f6a2d';
const SAMPLE = {
  method: 'POST',
  url: 'https://pay.test/pay/unifiedorder',
  body: {
    appid: 'wxd930ea5d5a258f4f',
    mch_id: '10000100',
    device_info: '1000',
    body: 'test',
    nonce_str: 'ibuaiVcKdpRxkhJA',
  },
};
const DOCUMENTED = '9A0A8659F005D6984697E2CA0A9CF3B7';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

describe('POST /api/credentials/preview-signature', () => {
  it('shows the canonical string and the signature, matching the documentation, without the key', async () => {
    const response = await t.api('POST', '/api/credentials/preview-signature', {
      data: { preset: 'kv-key-md5-upper', secret: KEY },
      request: SAMPLE,
      expected: DOCUMENTED.toLowerCase(),
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      canonical:
        'appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA&key={secret}',
      signature: DOCUMENTED,
      matches: true,
    });
    expect(JSON.parse(response.json.wire.body).sign).toBe(DOCUMENTED);
    expect(response.text).not.toContain(KEY);
  });

  it('points at the first character that differs, and previews a saved credential without its secret resent', async () => {
    const saved = await t.api('POST', '/api/credentials', {
      id: 'pay-md5',
      name: 'Pay',
      kind: 'signature',
      allowedHosts: ['pay.test'],
      data: { preset: 'kv-key-md5-upper', secret: KEY },
    });
    expect(saved.status).toBe(201);
    const response = await t.api('POST', '/api/credentials/preview-signature', {
      credentialId: 'pay-md5',
      request: SAMPLE,
      expected: `9A0A86${'0'.repeat(26)}`,
    });
    expect(response.json).toMatchObject({ signature: DOCUMENTED, matches: false, firstDifference: 6 });
    expect(response.text).not.toContain(KEY);
    // An edit not saved yet: the same saved secret under another recipe.
    const edited = await t.api('POST', '/api/credentials/preview-signature', {
      credentialId: 'pay-md5',
      data: { preset: 'kv-key-hmac-sha256-upper' },
      request: SAMPLE,
      expected: DOCUMENTED,
    });
    expect(edited.json.matches).toBe(false);
    expect(edited.json.canonical).toContain('&sign_type=HMAC-SHA256&key={secret}');
  });

  it('refuses a recipe that cannot be evaluated (422 with pointers) and an unknown credential (404)', async () => {
    const broken = await t.api('POST', '/api/credentials/preview-signature', {
      data: {
        secret: KEY,
        recipe: {
          parts: [{ type: 'text', template: '{nonce}' }],
          algorithm: 'md5',
          encoding: 'hex-lower',
          signature: [{ in: 'body', name: 'sign' }],
        },
      },
      request: SAMPLE,
    });
    expect(broken.status).toBe(422);
    expect(broken.json.error.details.problems).toEqual([
      { pointer: '/data/recipe/parts/0/template', message: 'uses {nonce}, but the recipe has no nonce' },
    ]);
    const missing = await t.api('POST', '/api/credentials/preview-signature', {
      credentialId: 'nope',
      request: SAMPLE,
    });
    expect(missing.status).toBe(404);
  });
});
