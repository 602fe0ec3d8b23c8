import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createEngine,
  createMemoryStore,
  type Engine,
  type FlowDocument,
  type RunStore,
} from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../registry/create-builtin-registry.ts';
import { loopbackEgress } from '../../testing/loopback-egress.ts';

const flow = JSON.parse(
  readFileSync(new URL('./fixtures/fetch-with-error-route.json', import.meta.url), 'utf8'),
) as FlowDocument;
const TOKEN = 'tok-very-secret';
let server: Server;
let base: string;
let store: RunStore;
let engine: Engine;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    res.setHeader('content-type', 'application/json');
    if (req.url === '/missing') res.statusCode = 404;
    res.end(JSON.stringify({ path: req.url }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store = createMemoryStore();
  engine = createEngine({
    store,
    registry: createBuiltinRegistry({ egress: loopbackEgress }),
    credentials: {
      resolve: async (id) =>
        id === 'api'
          ? { id, kind: 'bearer', data: { token: TOKEN }, allowedHosts: ['127.0.0.1'] }
          : undefined,
    },
  });
});

afterAll(async () => {
  await engine.stop();
  server.close();
});

describe('http.request through the engine', () => {
  it('sends the credential and the idempotency key, and emits the response on out', async () => {
    const handle = await engine.start(flow, { input: { url: `${base}/items` } });
    expect(await handle.done).toMatchObject({
      status: 'succeeded',
      output: { ok: true, body: { path: '/items' } },
    });
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
    const key = seen.at(-1)?.['idempotency-key'];
    expect(key).toEqual(expect.any(String));
    expect(key).toContain(handle.id);
  });

  it('routes a non-2xx answer to the error port with status and body, without the token', async () => {
    const handle = await engine.start(flow, { input: { url: `${base}/missing` } });
    expect(await handle.done).toMatchObject({
      status: 'succeeded',
      output: { ok: false, code: 'JX_HTTP_STATUS', status: 404, body: { path: '/missing' } },
    });
    expect(JSON.stringify(await store.readJournal(handle.id))).not.toContain(TOKEN);
  });
});
