import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createEngine,
  createMemoryStore,
  type FlowDocument,
  REDACTED,
  type ResolvedCredential,
} from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../registry/create-builtin-registry.ts';
import { loopbackEgress } from '../testing/loopback-egress.ts';
import { secretVariants } from './secret-variants.ts';

const TOKEN = 'tok-echoed-secret';
const PASSWORD = 'pw-echoed-secret';
const BASIC = Buffer.from(`merchant:${PASSWORD}`).toString('base64');

const credentials: Record<string, ResolvedCredential> = {
  api: { id: 'api', kind: 'bearer', data: { token: TOKEN }, allowedHosts: ['127.0.0.1'] },
  login: {
    id: 'login',
    kind: 'basic',
    data: { username: 'merchant', password: PASSWORD },
    allowedHosts: ['127.0.0.1'],
  },
};

describe('secretVariants', () => {
  it('lists the secret fields of each kind, and Basic auth as it goes on the wire', () => {
    expect(secretVariants(credentials.api!)).toEqual([TOKEN]);
    expect(secretVariants(credentials.login!)).toEqual([
      PASSWORD,
      BASIC,
      Buffer.from(`merchant:${PASSWORD}`).toString('base64url'),
    ]);
    const card = { id: 'c', kind: 'card-platform', allowedHosts: [] };
    expect(
      secretVariants({
        ...card,
        data: { appKey: 'k1', appSecret: 's3cr3t', gatewayUrl: 'https://g.example' },
      }),
    ).toEqual(['s3cr3t']);
  });

  it('treats every string field of an unknown kind as secret', () => {
    expect(
      secretVariants({ id: 'x', kind: 'custom', data: { a: 'one', b: 2, c: 'three' }, allowedHosts: [] }),
    ).toEqual(['one', 'three']);
  });
});

describe('http.request against a server that echoes the request back', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/fail')) res.statusCode = 500;
      res.end(JSON.stringify({ headers: req.headers }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server.close();
  });

  function flow(credentialId: string): FlowDocument {
    const position = { x: 0, y: 0 };
    return {
      schemaVersion: 1,
      id: 'echo',
      name: 'echo',
      nodes: [
        { id: 'start', type: 'trigger.manual', typeVersion: 1, position, config: {} },
        {
          id: 'fetch',
          type: 'http.request',
          typeVersion: 1,
          position,
          config: { url: '=url', timeoutMs: 2000 },
          credentials: { auth: credentialId },
          onError: 'route',
        },
      ],
      edges: [{ id: 'e1', source: { node: 'start', port: 'out' }, target: { node: 'fetch', port: 'in' } }],
    };
  }

  it.each([
    ['api', '/ok', TOKEN, `Bearer ${REDACTED}`],
    ['api', '/fail', TOKEN, `Bearer ${REDACTED}`],
    ['login', '/ok', BASIC, `Basic ${REDACTED}`],
    ['login', '/fail', BASIC, `Basic ${REDACTED}`],
  ])(
    '%s %s: the journal and the run record hold [redacted], never the secret',
    async (id, path, secret, masked) => {
      const store = createMemoryStore();
      const engine = createEngine({
        store,
        registry: createBuiltinRegistry({ egress: loopbackEgress }),
        credentials: { resolve: async (credentialId) => credentials[credentialId] },
        secretVariants,
      });
      const handle = await engine.start(flow(id), { input: { url: `${base}${path}` } });
      const result = await handle.done;
      expect(result.status).toBe('succeeded');
      const stored = JSON.stringify([
        result,
        await store.readJournal(handle.id),
        await store.getRun(handle.id),
      ]);
      expect(stored).not.toContain(secret);
      expect(stored).toContain(masked);
      await engine.stop();
    },
  );
});
