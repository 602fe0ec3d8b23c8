import { createHash, randomBytes } from 'node:crypto';
import type { FlowNode } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

// A supplier whose notifications are header-signed over the raw body with a nonce (the
// `header-pairs-raw-body-md5` preset): verified by the same recipe that signs requests, nonces
// refused the second time — across a restart — and a broken recipe refused when it is saved.
// A verified message whose handling fails on Junction's side (5xx) gives its nonce back, so the
// sender's retry with the same nonce is handled, not refused as a replay; one the flow refused on
// purpose (4xx) keeps it, as does one that succeeded.

const SECRET = 'recipe-SECRET-5e11c0';
const BUSINESS_ID = 'B7001';

let t: TestServer;

/** Signed by hand from the supplier's description: headers k=v& sorted, raw body, key; MD5 upper. */
function signedHeaders(body: string, nonce: string, timestamp = String(Date.now())): Record<string, string> {
  const canonical = `businessId=${BUSINESS_ID}&nonce=${nonce}&signType=MD5&timestamp=${timestamp}${body}${SECRET}`;
  return {
    businessId: BUSINESS_ID,
    nonce,
    signType: 'MD5',
    timestamp,
    sign: createHash('md5').update(canonical, 'utf8').digest('hex').toUpperCase(),
  };
}

function post(raw: string, headers: Record<string, string>, path = 'recipe-notify'): Promise<ApiResponse> {
  return t.api('POST', `/hooks/${path}`, undefined, {
    token: null,
    raw,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Deploys the webhook fixture at `/hooks/<id>`, verified by the supplier's credential; `next` replaces its second node. */
async function deployVerifiedFlow(id: string, next?: FlowNode): Promise<void> {
  const flow = fixture('webhook');
  flow.id = id;
  flow.nodes[0]!.config = { method: 'POST', path: id, responseMode: 'onFinish', verification: 'signature' };
  flow.nodes[0]!.credentials = { verify: 'recipe-supplier' };
  if (next) {
    flow.nodes[1] = next;
    flow.edges[0]!.target.node = next.id;
  }
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const { version } = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json;
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
}

const runCount = async (): Promise<number> =>
  (await t.api('GET', '/api/runs?flowId=recipe-notify')).json.runs.length;

beforeAll(async () => {
  t = await startTestServer();
  const created = await t.api('POST', '/api/credentials', {
    id: 'recipe-supplier',
    name: 'Header-signed supplier',
    kind: 'signature',
    allowedHosts: ['*'],
    data: { preset: 'header-pairs-raw-body-md5', secret: SECRET, appKey: BUSINESS_ID },
  });
  expect(created.status).toBe(201);
  await deployVerifiedFlow('recipe-notify');
  // This one fails with the status the message asks for: 503 stands for "Junction could not handle it".
  await deployVerifiedFlow('release-notify', {
    id: 'refuse',
    type: 'flow.fail',
    typeVersion: 1,
    position: { x: 200, y: 0 },
    config: { code: 'NOT_NOW', message: 'Try again later.', details: '={"status": body.status}' },
  });
});
afterAll(async () => t.close());

describe('a header-signed supplier verified by its recipe', () => {
  it('accepts a notification signed over the raw body, refuses the same nonce again, even after a restart', async () => {
    const body = '{"orderNo":"R-1",  "state":3}';
    const headers = signedHeaders(body, randomBytes(16).toString('hex'));
    const first = await post(body, headers);
    expect(first.status).toBe(200);
    expect(await runCount()).toBe(1);

    const replay = await post(body, headers);
    expect(replay.status).toBe(401);
    expect(replay.json.error).toMatchObject({
      code: 'JX_WEBHOOK_SIGNATURE_INVALID',
      details: { code: 'JX_SIGNATURE_REPLAYED' },
    });
    expect(replay.text).not.toContain(SECRET);

    await t.restart();
    expect((await post(body, headers)).json.error?.details).toMatchObject({ code: 'JX_SIGNATURE_REPLAYED' });
    expect(await runCount()).toBe(1);
  });

  it('refuses a forged signature, a re-serialised body and a missing nonce; starts nothing', async () => {
    const before = await runCount();
    const body = '{"orderNo":"R-2"}';
    const good = signedHeaders(body, randomBytes(16).toString('hex'));
    const forged = await post(body, {
      ...good,
      sign: good.sign!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
    });
    expect(forged.json.error?.details).toMatchObject({ code: 'JX_SIGNATURE_INVALID' });
    const reserialised = await post('{ "orderNo": "R-2" }', good);
    expect(reserialised.json.error?.details).toMatchObject({ code: 'JX_SIGNATURE_INVALID' });
    const { nonce: _dropped, ...withoutNonce } = good;
    expect((await post(body, withoutNonce)).json.error?.details).toMatchObject({
      code: 'JX_SIGNATURE_MISSING',
    });
    expect(await runCount()).toBe(before);
    // The refused attempts claimed nothing: the genuine message still goes through once.
    expect((await post(body, good)).status).toBe(200);
  });
});

describe('the nonce of a message Junction failed to handle', () => {
  const postStatus = (status: number, nonce: string) => {
    const body = JSON.stringify({ status });
    return post(body, signedHeaders(body, nonce), 'release-notify');
  };

  it('is released on a 5xx answer: the retry with the same nonce is handled again', async () => {
    const first = await postStatus(503, 'n-retry-1');
    expect(first.status).toBe(503);
    expect(first.json.error.code).toBe('JX_USER_NOT_NOW');
    const retry = await postStatus(503, 'n-retry-1');
    expect(retry.status).toBe(503);
    expect(retry.json.error.code).toBe('JX_USER_NOT_NOW');
  });

  it('is kept on a 4xx answer: the same nonce again is a replay', async () => {
    expect((await postStatus(409, 'n-kept-1')).status).toBe(409);
    const again = await postStatus(409, 'n-kept-1');
    expect(again.status).toBe(401);
    expect(again.json.error.details).toMatchObject({ code: 'JX_SIGNATURE_REPLAYED' });
  });
});

describe('saving a recipe credential', () => {
  it('refuses a recipe that cannot be evaluated, with a pointer to the part (422)', async () => {
    const response = await t.api('POST', '/api/credentials', {
      id: 'broken-recipe',
      name: 'Broken',
      kind: 'signature',
      allowedHosts: ['*'],
      data: {
        secret: SECRET,
        recipe: {
          parts: [
            { type: 'params', from: 'body' },
            { type: 'text', template: '&key={secrte}{timestamp}' },
          ],
          algorithm: 'md5',
          encoding: 'hex-upper',
          signature: [{ in: 'body', name: 'sign' }],
        },
      },
    });
    expect(response.status).toBe(422);
    expect(response.json.error.code).toBe('JX_CREDENTIAL_INVALID');
    const pointers = response.json.error.details.problems.map((p: { pointer: string }) => p.pointer);
    expect(pointers).toEqual(['/data/recipe/parts/1/template', '/data/recipe/parts/1/template']);
    expect(response.text).not.toContain(SECRET);
  });

  it('refuses a recipe outside the schema and an unknown preset', async () => {
    const bad = await t.api('POST', '/api/credentials', {
      id: 'bad-recipe',
      name: 'Bad',
      kind: 'signature',
      allowedHosts: ['*'],
      data: {
        secret: SECRET,
        recipe: { parts: [{ type: 'bogus' }], algorithm: 'md4', encoding: 'hex-lower', signature: [] },
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details.problems.map((p: { pointer: string }) => p.pointer)).toEqual(
      expect.arrayContaining(['/data/recipe/parts/0', '/data/recipe/algorithm', '/data/recipe/signature']),
    );
    const unknown = await t.api('POST', '/api/credentials', {
      id: 'unknown-preset',
      name: 'Unknown',
      kind: 'signature',
      allowedHosts: ['*'],
      data: { secret: SECRET, preset: 'no-such-scheme' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details.problems.map((p: { pointer: string }) => p.pointer)).toContain(
      '/data/preset',
    );
  });
});
