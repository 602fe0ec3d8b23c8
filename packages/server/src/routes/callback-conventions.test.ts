import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

// A supplier's callback conventions as settings of the await node, not code: the key in a header,
// a JSON acknowledgement, and the supplier's own answer to a refused notice.

const SECRET = 'conv-SECRET-90ab';
let t: TestServer;

function post(body: unknown, headers: Record<string, string>, secret = SECRET) {
  const raw = JSON.stringify(body);
  const signature = createHmac('sha256', secret).update(raw).digest('hex');
  return t.api('POST', '/callbacks/conventions', undefined, {
    token: null,
    raw,
    headers: { 'content-type': 'application/json', 'x-signature': signature, ...headers },
  });
}

async function runStatus(runId: string): Promise<string> {
  return (await t.api('GET', `/api/runs/${runId}`)).json.run.status;
}

beforeAll(async () => {
  t = await startTestServer();
  const credential = await t.api('POST', '/api/credentials', {
    id: 'callback-signing',
    name: 'Supplier callbacks',
    kind: 'hmac-header',
    allowedHosts: ['supplier.test'],
    data: { secret: SECRET },
  });
  expect(credential.status).toBe(201);
  const flow = fixture('await');
  flow.id = 'await-conventions';
  const wait = flow.nodes.find((node) => node.id === 'wait')!;
  wait.config = {
    ...wait.config,
    channel: 'conventions',
    keyFrom: 'header',
    keyPath: 'X-Order-No',
    ack: { status: 200, body: { code: 0, msg: 'ok' } },
    refusal: { status: 200, contentType: 'text/plain', body: 'FAIL' },
  };
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const version = await t.api('POST', `/api/flows/${flow.id}/versions`);
  expect(
    (await t.api('POST', `/api/flows/${flow.id}/deploy`, { version: version.json.version })).status,
  ).toBe(200);
});
afterAll(async () => t.close());

describe('callback conventions as settings', () => {
  it('matches by a header, answers the JSON acknowledgement, and answers a refusal the supplier’s way', async () => {
    const started = await t.api('POST', '/api/flows/await-conventions/runs?wait=true', {
      input: { order: 'C-1' },
    });
    expect(started.json.run.status).toBe('waiting');

    const forged = await post({ state: 'success' }, { 'x-order-no': 'C-1' }, 'wrong-secret');
    expect(forged.status).toBe(200);
    expect(forged.text).toBe('FAIL');
    expect(forged.headers.get('x-junction-error')).toBe('JX_SIGNATURE_INVALID');
    expect(await runStatus(started.json.run.id)).toBe('waiting');

    const missingKey = await post({ state: 'success' }, {});
    expect(missingKey.status).toBe(400);
    expect(missingKey.json.error).toMatchObject({
      code: 'JX_CALLBACK_KEY_MISSING',
      details: { keyFrom: 'header', keyPath: 'X-Order-No' },
    });

    const accepted = await post({ state: 'success' }, { 'x-order-no': 'C-1' });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('content-type')).toContain('application/json');
    expect(accepted.json).toEqual({ code: 0, msg: 'ok' });
    for (let i = 0; i < 100 && (await runStatus(started.json.run.id)) !== 'succeeded'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await runStatus(started.json.run.id)).toBe('succeeded');

    const log = await t.api('GET', '/api/callbacks?channel=conventions&limit=3');
    expect(log.json.callbacks.map((c: { outcome: string }) => c.outcome)).toEqual([
      'matched',
      'rejected',
      'rejected',
    ]);
  });
});
