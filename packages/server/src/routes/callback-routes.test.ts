import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

const SECRET = 'cb-SECRET-4c0ffee5';
let t: TestServer;

function signed(body: unknown, secret = SECRET): { raw: string; headers: Record<string, string> } {
  const raw = JSON.stringify(body);
  const signature = createHmac('sha256', secret).update(raw).digest('hex');
  return { raw, headers: { 'content-type': 'application/json', 'x-signature': signature } };
}

async function callback(body: unknown, secret = SECRET, channel = 'orders') {
  const { raw, headers } = signed(body, secret);
  return t.api('POST', `/callbacks/${channel}`, undefined, { token: null, raw, headers });
}

async function runStatus(runId: string, want: string): Promise<ApiResponse['json']> {
  let detail = await t.api('GET', `/api/runs/${runId}`);
  for (let i = 0; i < 100 && detail.json.run.status !== want; i++) {
    await new Promise((r) => setTimeout(r, 20));
    detail = await t.api('GET', `/api/runs/${runId}`);
  }
  return detail.json;
}

/** The `junction_waiting_runs` gauge as /metrics reports it. */
async function waitingRunsGauge(): Promise<number> {
  const metrics = await t.api('GET', '/metrics');
  const line = /^junction_waiting_runs (\d+)$/m.exec(metrics.text);
  expect(line, 'junction_waiting_runs is exported').not.toBeNull();
  return Number(line![1]);
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
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const version = await t.api('POST', `/api/flows/${flow.id}/versions`);
  await t.api('POST', `/api/flows/${flow.id}/deploy`, { version: version.json.version });
});
afterAll(async () => t.close());

describe('callback ingress', () => {
  it('resumes the waiting run by key, acknowledges, and records duplicates', async () => {
    const started = await t.api('POST', '/api/flows/await-order/runs?wait=true', { input: { order: 'O-1' } });
    expect(started.json.run.status).toBe('waiting');
    const waiting = await t.api('GET', `/api/runs/${started.json.run.id}`);
    expect(waiting.json.nodes.find((n: { nodeId: string }) => n.nodeId === 'wait')).toMatchObject({
      status: 'waiting',
      wait: { channel: 'orders', key: 'O-1' },
    });

    expect(await waitingRunsGauge()).toBe(1);

    const first = await callback({ order_no: 'O-1', state: 'success' });
    expect(first.status).toBe(200);
    expect(first.text).toBe('success');
    expect(first.headers.get('content-type')).toContain('text/plain');
    const done = await runStatus(started.json.run.id, 'succeeded');
    expect(JSON.stringify(done.run.output)).toContain('O-1');
    expect(await waitingRunsGauge()).toBe(0);

    const duplicate = await callback({ order_no: 'O-1', state: 'success' });
    expect(duplicate.status).toBe(200);
    expect(duplicate.text).toBe('success');
    const log = await t.api('GET', '/api/callbacks?channel=orders&limit=2');
    expect(log.json.callbacks.map((c: { outcome: string }) => c.outcome)).toEqual(['duplicate', 'matched']);
    expect(log.json.callbacks[1]).toMatchObject({ key: 'O-1', runId: started.json.run.id });
  });

  it('keeps an early callback and hands it to the run when it gets there', async () => {
    const early = await callback({ order_no: 'O-2', state: 'success' });
    expect(early.text).toBe('success');
    const run = await t.api('POST', '/api/flows/await-order/runs?wait=true', { input: { order: 'O-2' } });
    const done = await runStatus(run.json.run.id, 'succeeded');
    expect(JSON.stringify(done.run.output)).toContain('O-2');
    const log = await t.api('GET', '/api/callbacks?outcome=early');
    expect(log.json.callbacks[0]).toMatchObject({ key: 'O-2', outcome: 'early' });
  });

  it('rejects a bad signature (401) and an unknown channel (404), recording both', async () => {
    const run = await t.api('POST', '/api/flows/await-order/runs?wait=true', { input: { order: 'O-3' } });
    const forged = await callback({ order_no: 'O-3', state: 'success' }, 'wrong-secret');
    expect(forged.status).toBe(401);
    expect(forged.json.error.code).toBe('JX_CALLBACK_SIGNATURE_INVALID');
    expect((await t.api('GET', `/api/runs/${run.json.run.id}`)).json.run.status).toBe('waiting');

    const unknown = await callback({ order_no: 'O-3' }, SECRET, 'nobody-listens');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('JX_CALLBACK_UNKNOWN_CHANNEL');
    const rejected = await t.api('GET', '/api/callbacks?outcome=rejected');
    expect(rejected.json.callbacks[0]).toMatchObject({ channel: 'orders', key: 'O-3', outcome: 'rejected' });
    const unknownLog = await t.api('GET', '/api/callbacks?outcome=unknown');
    expect(unknownLog.json.callbacks[0]).toMatchObject({ channel: 'nobody-listens', outcome: 'unknown' });
    const badFilter = await t.api('GET', '/api/callbacks?outcome=lost');
    expect(badFilter.status).toBe(400);
  });

  it('accepts form-encoded callbacks and lets a waiting run be cancelled', async () => {
    const run = await t.api('POST', '/api/flows/await-order/runs?wait=true', { input: { order: 'O-5' } });
    const raw = 'order_no=O-5&state=success';
    const signature = createHmac('sha256', SECRET).update(raw).digest('hex');
    const form = await t.api('POST', '/callbacks/orders', undefined, {
      token: null,
      raw,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-signature': signature },
    });
    expect(form.text).toBe('success');
    const done = await runStatus(run.json.run.id, 'succeeded');
    expect(JSON.stringify(done.run.output)).toContain('O-5');

    const waiting = await t.api('POST', '/api/flows/await-order/runs?wait=true', { input: { order: 'O-6' } });
    const cancelled = await t.api('POST', `/api/runs/${waiting.json.run.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.run.status).toBe('cancelled');
    expect((await t.api('POST', '/api/runs/nope/cancel')).status).toBe(404);
  });

  it('resumes a run after a server restart', async () => {
    const run = await t.api('POST', '/api/flows/await-order/runs?wait=true', { input: { order: 'O-4' } });
    expect(run.json.run.status).toBe('waiting');
    await t.restart();
    const response = await callback({ order_no: 'O-4', state: 'success' });
    expect(response.text).toBe('success');
    const done = await runStatus(run.json.run.id, 'succeeded');
    expect(JSON.stringify(done.run.output)).toContain('O-4');
  });

  it('counts callbacks in stats and metrics, and never exposes the signing secret', async () => {
    const stats = await t.api('GET', '/api/stats');
    expect(stats.json.callbacks).toMatchObject({
      matched: 3,
      early: 1,
      duplicate: 1,
      rejected: 1,
      unknown: 1,
    });
    const metrics = await t.api('GET', '/metrics');
    expect(metrics.text).toContain('junction_callbacks_total{channel="orders",outcome="matched"} 3');
    // O-3 still waits (its only callback was forged); O-6 was cancelled, the others resumed.
    expect(metrics.text).toMatch(/^junction_waiting_runs 1$/m);
    const runs = await t.api('GET', '/api/runs?flowId=await-order');
    const journals = await Promise.all(
      runs.json.runs.map((r: { id: string }) => t.api('GET', `/api/runs/${r.id}`)),
    );
    for (const text of [
      stats.text,
      metrics.text,
      runs.text,
      ...journals.map((j) => j.text),
      t.logs.join(''),
    ]) {
      expect(text).not.toContain(SECRET);
    }
  });

  it('parses a JSON callback sent as text/plain or without a content type', async () => {
    const { raw, headers } = signed({ order_no: 'T-1', state: 'success' });
    const plain = await t.api('POST', '/callbacks/orders', undefined, {
      token: null,
      raw,
      headers: { ...headers, 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(200);
    expect(plain.text).toBe('success');
    const untyped = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(`${t.url}/callbacks/orders`, {
        method: 'POST',
        headers: { 'x-signature': headers['x-signature'], 'content-length': Buffer.byteLength(raw) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(raw);
    });
    expect(untyped).toEqual({ status: 200, text: 'success' });
  });

  it('records callbacks refused before the handler: bad JSON, too large, too deep', async () => {
    const raw = { 'content-type': 'application/json' };
    const bad = await t.api('POST', '/callbacks/orders', undefined, {
      token: null,
      raw: '{bad',
      headers: raw,
    });
    expect(bad.status).toBe(400);
    const large = await t.api('POST', '/callbacks/orders', undefined, {
      token: null,
      raw: JSON.stringify({ pad: 'x'.repeat(1_100_000) }),
      headers: raw,
    });
    expect(large.status).toBe(413);
    expect(large.json.error.code).toBe('JX_PAYLOAD_TOO_LARGE');
    const log = await t.api('GET', '/api/callbacks?channel=orders&limit=2');
    expect(
      log.json.callbacks.map((c: { outcome: string; reason: string }) => [c.outcome, c.reason.split(':')[0]]),
    ).toEqual([
      ['rejected', 'JX_PAYLOAD_TOO_LARGE'],
      ['rejected', 'JX_BAD_JSON'],
    ]);
  });

  it('counts unknown channels under one metric label', async () => {
    for (const channel of ['nope-one', 'nope-two']) await callback({ order_no: 'x' }, SECRET, channel);
    const metrics = await t.api('GET', '/metrics');
    expect(metrics.text).toContain('junction_callbacks_total{channel="(unknown)",outcome="unknown"}');
    expect(metrics.text).not.toContain('nope-one');
    const log = await t.api('GET', '/api/callbacks?outcome=unknown');
    expect(log.json.callbacks.map((c: { channel: string }) => c.channel)).toContain('nope-two');
  });

  it('answers 503 (the supplier retries) when the verification credential is gone, resuming nothing', async () => {
    expect((await t.api('DELETE', '/api/credentials/callback-signing')).status).toBe(204);
    const response = await callback({ order_no: 'O-gone', state: 'success' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(response.json.error.code).toBe('JX_CALLBACK_VERIFICATION_UNAVAILABLE');
    const log = await t.api('GET', '/api/callbacks?channel=orders&limit=1');
    expect(log.json.callbacks[0]).toMatchObject({ key: 'O-gone', outcome: 'rejected' });
  });
});
