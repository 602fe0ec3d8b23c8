import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

const HMAC_SECRET = 'hmac-SECRET-4c1d9e';
const SIGN_SECRET = 'sign-SECRET-77ab10';

let t: TestServer;

/** Deploys a webhook flow at `/hooks/<path>` with the given verification and `verify` credential. */
async function deployHook(path: string, verification: string, credentialId?: string): Promise<void> {
  const flow = fixture('webhook');
  flow.id = `verify-${path}`;
  flow.nodes[0]!.config = { method: 'POST', path, responseMode: 'onFinish', verification };
  if (credentialId) flow.nodes[0]!.credentials = { verify: credentialId };
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const { version } = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json;
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
}

/** Posts `raw` to a hook without an API token, as a supplier would. */
function post(path: string, raw: string, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return t.api('POST', `/hooks/${path}`, undefined, {
    token: null,
    raw,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

const hmac = (text: string): string => createHmac('sha256', HMAC_SECRET).update(text).digest('hex');
const nowSeconds = (): string => String(Math.floor(Date.now() / 1000));

/** The `signature` scheme configured below: `k=v&…` by name, `&key=<secret>` appended, MD5 upper-case hex. */
function supplierSign(params: Record<string, string>): string {
  const pairs = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return createHash('md5').update(`${pairs}&key=${SIGN_SECRET}`).digest('hex').toUpperCase();
}

function expectRefused(response: ApiResponse, cause: string): void {
  expect(response.status).toBe(401);
  expect(response.json.error).toMatchObject({
    code: 'JX_WEBHOOK_SIGNATURE_INVALID',
    details: { code: cause },
  });
  expect(response.headers.get('x-junction-run-id')).toBeNull();
  expect(response.text).not.toContain(HMAC_SECRET);
  expect(response.text).not.toContain(SIGN_SECRET);
}

async function runCount(flowId: string): Promise<number> {
  return (await t.api('GET', `/api/runs?flowId=${flowId}`)).json.runs.length;
}

beforeAll(async () => {
  t = await startTestServer();
  const created = [
    await t.api('POST', '/api/credentials', {
      id: 'hook-hmac',
      name: 'Shop webhook secret',
      kind: 'hmac-header',
      allowedHosts: ['*'],
      data: {
        secret: HMAC_SECRET,
        headerName: 'X-Shop-Signature',
        prefix: 'sha256=',
        timestampHeader: 'X-Shop-Timestamp',
        toleranceSeconds: 60,
      },
    }),
    await t.api('POST', '/api/credentials', {
      id: 'hook-sign',
      name: 'Supplier notify signature',
      kind: 'signature',
      allowedHosts: ['*'],
      data: {
        secret: SIGN_SECRET,
        append: ['key-secret'],
        encoding: 'hex-upper',
        signatureField: 'sign',
        timestampField: 'ts',
        toleranceSeconds: 60,
      },
    }),
  ];
  for (const response of created) expect(response.status).toBe(201);
  await deployHook('hmac', 'hmac-header', 'hook-hmac');
  await deployHook('signed', 'signature', 'hook-sign');
  await deployHook('no-credential', 'hmac-header');
  // Saving checks the credential exists, so this one is removed after the deploy.
  const gone = await t.api('POST', '/api/credentials', {
    id: 'hook-gone',
    name: 'Removed later',
    kind: 'signature',
    allowedHosts: ['*'],
    data: { secret: SIGN_SECRET },
  });
  expect(gone.status).toBe(201);
  await deployHook('deleted-credential', 'signature', 'hook-gone');
  expect((await t.api('DELETE', '/api/credentials/hook-gone')).status).toBeLessThan(300);
});
afterAll(async () => t.close());

describe('webhook verification with an hmac-header credential', () => {
  it('runs the flow for a good signature over timestamp.body', async () => {
    const body = JSON.stringify({ order: 'H-1' });
    const ts = nowSeconds();
    const response = await post('hmac', body, {
      'x-shop-timestamp': ts,
      'x-shop-signature': `sha256=${hmac(`${ts}.${body}`)}`,
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ order: 'H-1' });
  });

  it('refuses a missing, a bad and a stale signature with 401 and starts no run', async () => {
    const before = await runCount('verify-hmac');
    const body = JSON.stringify({ order: 'H-2' });
    const ts = nowSeconds();
    expectRefused(await post('hmac', body, { 'x-shop-timestamp': ts }), 'JX_SIGNATURE_MISSING');
    const signedOther = `sha256=${hmac(`${ts}.${JSON.stringify({ order: 'H-3' })}`)}`;
    expectRefused(
      await post('hmac', body, { 'x-shop-timestamp': ts, 'x-shop-signature': signedOther }),
      'JX_SIGNATURE_INVALID',
    );
    // Correctly signed, but ten minutes old: a replayed request.
    const stale = String(Number(ts) - 600);
    expectRefused(
      await post('hmac', body, {
        'x-shop-timestamp': stale,
        'x-shop-signature': `sha256=${hmac(`${stale}.${body}`)}`,
      }),
      'JX_SIGNATURE_EXPIRED',
    );
    expect(await runCount('verify-hmac')).toBe(before);
  });
});

describe('webhook verification with a signature credential', () => {
  it('runs the flow for a good body signature', async () => {
    const params = { order: 'S-1', ts: nowSeconds() };
    const response = await post('signed', JSON.stringify({ ...params, sign: supplierSign(params) }));
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ order: 'S-1' });
  });

  it('refuses a missing, a bad and a stale signature with 401 and starts no run', async () => {
    const before = await runCount('verify-signed');
    const params = { order: 'S-2', ts: nowSeconds() };
    expectRefused(await post('signed', JSON.stringify(params)), 'JX_SIGNATURE_MISSING');
    const tampered = { ...params, sign: supplierSign(params), order: 'S-999' };
    expectRefused(await post('signed', JSON.stringify(tampered)), 'JX_SIGNATURE_INVALID');
    const old = { order: 'S-3', ts: String(Number(params.ts) - 600) };
    expectRefused(
      await post('signed', JSON.stringify({ ...old, sign: supplierSign(old) })),
      'JX_SIGNATURE_EXPIRED',
    );
    const { ts: _ts, ...undated } = params;
    expectRefused(
      await post('signed', JSON.stringify({ ...undated, sign: supplierSign(undated) })),
      'JX_SIGNATURE_MISSING',
    );
    expect(await runCount('verify-signed')).toBe(before);
  });
});

describe('webhook verification without a usable credential', () => {
  it('answers 503 JX_WEBHOOK_VERIFICATION_UNAVAILABLE (the sender retries) and starts no run', async () => {
    for (const path of ['no-credential', 'deleted-credential']) {
      const response = await post(path, JSON.stringify({ order: 'N-1' }));
      expect(response.status).toBe(503);
      expect(response.json.error.code).toBe('JX_WEBHOOK_VERIFICATION_UNAVAILABLE');
      expect(response.json.error.message).toContain(`/hooks/${path}`);
      expect(response.headers.get('retry-after')).toBe('60');
      expect(response.text).not.toContain('hook-gone');
      expect(await runCount(`verify-${path}`)).toBe(0);
    }
    // The owner learns why from the log; the anonymous sender is not told which credential is missing.
    const logged = t.logs.filter((line) => line.includes('webhook verification unavailable'));
    expect(logged.some((line) => line.includes('hook-gone'))).toBe(true);
    expect(logged.join('\n')).not.toContain(SIGN_SECRET);
  });
});
