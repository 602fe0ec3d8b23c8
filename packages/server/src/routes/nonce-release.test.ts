import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

// A verified message whose handling fails on Junction's side (5xx) gives its nonce back, so the
// sender's retry with the same nonce is handled, not refused as a replay; one the flow refused on
// purpose (4xx) keeps it, as does one that succeeded.

const SECRET = 'release-SECRET-77a1';
const BUSINESS_ID = 'B7002';

let t: TestServer;

function post(status: number, nonce: string): Promise<ApiResponse> {
  const raw = JSON.stringify({ status });
  const timestamp = String(Date.now());
  const canonical = `businessId=${BUSINESS_ID}&nonce=${nonce}&signType=MD5&timestamp=${timestamp}${raw}${SECRET}`;
  return t.api('POST', '/hooks/release-notify', undefined, {
    token: null,
    raw,
    headers: {
      'content-type': 'application/json',
      businessId: BUSINESS_ID,
      nonce,
      signType: 'MD5',
      timestamp,
      sign: createHash('md5').update(canonical, 'utf8').digest('hex').toUpperCase(),
    },
  });
}

beforeAll(async () => {
  t = await startTestServer();
  const created = await t.api('POST', '/api/credentials', {
    id: 'release-supplier',
    name: 'Header-signed supplier',
    kind: 'signature',
    allowedHosts: ['*'],
    data: { preset: 'header-pairs-raw-body-md5', secret: SECRET, appKey: BUSINESS_ID },
  });
  expect(created.status).toBe(201);
  const flow = fixture('webhook');
  flow.id = 'release-notify';
  flow.nodes[0]!.config = {
    method: 'POST',
    path: 'release-notify',
    responseMode: 'onFinish',
    verification: 'signature',
  };
  flow.nodes[0]!.credentials = { verify: 'release-supplier' };
  // The flow fails with the status the message asks for: 503 stands for "Junction could not handle it".
  flow.nodes[1] = {
    id: 'refuse',
    type: 'flow.fail',
    typeVersion: 1,
    position: { x: 200, y: 0 },
    config: { code: 'NOT_NOW', message: 'Try again later.', details: '={"status": body.status}' },
  };
  flow.edges[0]!.target.node = 'refuse';
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const { version } = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json;
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
});
afterAll(async () => t.close());

describe('the nonce of a message Junction failed to handle', () => {
  it('is released on a 5xx answer: the retry with the same nonce is handled again', async () => {
    const first = await post(503, 'n-retry-1');
    expect(first.status).toBe(503);
    expect(first.json.error.code).toBe('JX_USER_NOT_NOW');
    const retry = await post(503, 'n-retry-1');
    expect(retry.status).toBe(503);
    expect(retry.json.error.code).toBe('JX_USER_NOT_NOW');
  });

  it('is kept on a 4xx answer: the same nonce again is a replay', async () => {
    expect((await post(409, 'n-kept-1')).status).toBe(409);
    const again = await post(409, 'n-kept-1');
    expect(again.status).toBe(401);
    expect(JSON.stringify(again.json)).toContain('JX_SIGNATURE_REPLAYED');
  });
});
