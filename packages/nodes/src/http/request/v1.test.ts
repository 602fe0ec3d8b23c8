import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeContext, NodeOutputs, ResolvedCredential } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyIncoming } from '../../credentials/verify-incoming.ts';
import { createTestContext } from '../../testing/create-test-context.ts';
import { loopbackEgress } from '../../testing/loopback-egress.ts';
import { runWithEgressPolicy } from '../egress/egress-scope.ts';
import { type HttpRequestConfig, httpRequestNode } from './v1.ts';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: string };
let server: Server;
let base: string;
let connections = 0;
const seen: Seen[] = [];

function route(req: IncomingMessage, res: ServerResponse, body: string): void {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/json') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, echo: body }));
  } else if (url.pathname === '/text') res.end('plain words');
  else if (url.pathname === '/missing') {
    res.statusCode = 404;
    res.setHeader('content-type', 'application/json');
    res.end('{"error":"nope"}');
  } else if (url.pathname === '/broken') {
    res.setHeader('content-type', 'application/json');
    res.end('{not json');
  } else if (url.pathname === '/slow') setTimeout(() => res.end('late'), 2_000);
  else res.end('');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      route(req, res, body);
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

async function run(config: HttpRequestConfig, extra: Partial<NodeContext<HttpRequestConfig>> = {}) {
  const { ctx } = createTestContext<HttpRequestConfig>({ config, ...extra });
  return (await runWithEgressPolicy(loopbackEgress, () => httpRequestNode.run(ctx))) as NodeOutputs;
}

describe('http.request', () => {
  it('sends query and headers and parses a JSON answer', async () => {
    const result = await run({
      url: `${base}/json`,
      query: { page: 2, q: 'a b' },
      headers: { 'X-Trace': 't1' },
    });
    expect(result.out).toMatchObject({ status: 200, body: { ok: true, echo: '' } });
    const last = seen.at(-1)!;
    expect(last.url).toBe('/json?page=2&q=a+b');
    expect(last.headers['x-trace']).toBe('t1');
  });

  it('sends JSON, form and raw bodies with their content types', async () => {
    await run({ method: 'POST', url: `${base}/json`, bodyType: 'json', body: { a: [1, 'é'] } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: '{"a":[1,"é"]}' });
    expect(seen.at(-1)!.headers['content-type']).toBe('application/json');
    await run({ method: 'PUT', url: `${base}/json`, bodyType: 'form', body: { a: 'x y', n: 1 } });
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', body: 'a=x+y&n=1' });
    await run({
      method: 'POST',
      url: `${base}/json`,
      bodyType: 'raw',
      body: '<x/>',
      contentType: 'application/xml',
    });
    expect(seen.at(-1)!.headers['content-type']).toBe('application/xml');
  });

  it('keeps text as text in auto mode and fails on bad JSON in json mode', async () => {
    expect((await run({ url: `${base}/text` })).out).toMatchObject({ body: 'plain words' });
    await expect(run({ url: `${base}/broken`, responseType: 'json' })).rejects.toMatchObject({
      code: 'JX_HTTP_BAD_RESPONSE',
    });
    expect((await run({ url: `${base}/json`, responseType: 'text' })).out).toMatchObject({
      body: '{"ok":true,"echo":""}',
    });
  });

  it('fails non-2xx answers with the status and body', async () => {
    const failure = run({ url: `${base}/missing?token=secret` });
    await expect(failure).rejects.toMatchObject({
      code: 'JX_HTTP_STATUS',
      details: { status: 404, body: { error: 'nope' }, retryable: false },
    });
    await expect(failure).rejects.not.toThrow(/secret/);
  });

  it('times out with a coded error', async () => {
    await expect(run({ url: `${base}/slow`, timeoutMs: 100 })).rejects.toMatchObject({
      code: 'JX_HTTP_TIMEOUT',
      details: { maybeSent: true },
    });
  });

  it('honours the abort signal', async () => {
    const controller = new AbortController();
    const pending = run({ url: `${base}/slow` }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'JX_HTTP_ABORTED' });
  });

  it('reports a refused connection as not sent', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await expect(run({ url: `http://127.0.0.1:${port}/` })).rejects.toMatchObject({
      code: 'JX_HTTP_NETWORK',
      details: { maybeSent: false },
    });
  });

  it('sends the idempotency key in the configured header', async () => {
    await run(
      { url: `${base}/json`, idempotencyHeader: 'Idempotency-Key' },
      { idempotencyKey: 'run-1:create' },
    );
    expect(seen.at(-1)!.headers['idempotency-key']).toBe('run-1:create');
  });

  it('applies the auth credential and refuses hosts it does not allow', async () => {
    const auth: ResolvedCredential = {
      id: 'c',
      kind: 'bearer',
      data: { token: 'T0K' },
      allowedHosts: ['127.0.0.1'],
    };
    await run({ url: `${base}/json` }, { credentials: { auth } });
    expect(seen.at(-1)!.headers.authorization).toBe('Bearer T0K');
    const elsewhere = { ...auth, allowedHosts: ['api.example.com'] };
    await expect(run({ url: `${base}/json` }, { credentials: { auth: elsewhere } })).rejects.toMatchObject({
      code: 'JX_CREDENTIAL_HOST_FORBIDDEN',
    });
  });

  it('sends a signed form body the receiving side verifies', async () => {
    const auth: ResolvedCredential = {
      id: 'sig',
      kind: 'signature',
      data: { secret: 'S3', appKey: 'AK', appKeyField: 'app_id', timestampField: 'ts', nonceField: 'nonce' },
      allowedHosts: ['127.0.0.1'],
    };
    await run(
      { method: 'POST', url: `${base}/json`, bodyType: 'form', body: { sku: 'A 1', qty: 2 } },
      { credentials: { auth } },
    );
    const last = seen.at(-1)!;
    const fields = Object.fromEntries(new URLSearchParams(last.body));
    expect(fields).toMatchObject({ sku: 'A 1', qty: '2', app_id: 'AK', sign: expect.any(String) });
    expect(await verifyIncoming(auth, { body: fields, headers: last.headers })).toEqual({ ok: true });
    expect(await verifyIncoming(auth, { body: { ...fields, qty: '3' } })).toMatchObject({ ok: false });
  });

  it('reuses keep-alive connections', async () => {
    await run({ url: `${base}/json` });
    const before = connections;
    for (let i = 0; i < 5; i += 1) await run({ url: `${base}/json` });
    expect(connections).toBe(before);
  });

  it('names the field when an expression resolved to something unusable', async () => {
    await expect(run({ url: 42 as unknown as string })).rejects.toMatchObject({
      code: 'JX_INPUT_INVALID',
      message: 'url must be an absolute http(s) URL, got number.',
    });
    await expect(run({ url: `${base}/`, bodyType: 'form', body: 'x' })).rejects.toMatchObject({
      details: { field: 'body' },
    });
    await expect(run({ url: `${base}/`, headers: { a: { b: 1 } } })).rejects.toMatchObject({
      details: { field: 'headers.a' },
    });
  });
});
