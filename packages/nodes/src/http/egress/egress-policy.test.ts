import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import type { NodeContext, NodeOutputs, ResolvedCredential } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayClient } from '../../card-platform/gateway-client.ts';
import { createBuiltinRegistry } from '../../registry/create-builtin-registry.ts';
import { createTestContext } from '../../testing/create-test-context.ts';
import { type HttpRequestConfig, httpRequestNode } from '../request/v1.ts';
import { createEgressPolicy, type EgressPolicy } from './egress-policy.ts';
import { runWithEgressPolicy } from './egress-scope.ts';

/** The "internal service": every request it sees is a request that should not have reached it. */
let inner: Server;
let innerHits: string[] = [];
/** A second service on another loopback address, same port, for the rebinding test. */
let other: Server;
let port: number;

async function listen(server: Server, host: string, at = 0): Promise<number> {
  server.listen(at, host);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  inner = createServer((req, res) => {
    innerHits.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/to-private') {
      res.writeHead(302, { location: `http://10.0.0.1:${port}/secret` }).end();
    } else if (url.pathname === '/to-other-port') {
      res.writeHead(307, { location: `http://127.0.0.1:${port + 1}/secret` }).end();
    } else if (url.pathname === '/to-same') res.writeHead(301, { location: '/data' }).end();
    else if (url.pathname === '/to-localhost') {
      res.writeHead(302, { location: `http://localhost:${port}/data` }).end();
    } else if (url.pathname === '/loop') res.writeHead(302, { location: '/loop' }).end();
    else if (url.pathname === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('inner service body');
  });
  port = await listen(inner, '127.0.0.1');
  other = createServer((_req, res) => res.end('allowed service body'));
  await listen(other, '127.0.0.3', port);
});

afterAll(async () => {
  for (const server of [inner, other]) {
    server.closeAllConnections();
    server.close();
  }
});

function reset(): void {
  innerHits = [];
}

async function call(
  config: HttpRequestConfig,
  policy?: EgressPolicy,
  extra: Partial<NodeContext<HttpRequestConfig>> = {},
): Promise<NodeOutputs> {
  const { ctx } = createTestContext<HttpRequestConfig>({ config, ...extra });
  const run = async () => (await httpRequestNode.run(ctx)) as NodeOutputs;
  return policy ? runWithEgressPolicy(policy, run) : run();
}

/** A lookup that answers from a table (and counts its calls), as DNS would. */
function fakeDns(table: Record<string, string[]>, calls: string[] = []): LookupFunction {
  return (hostname, options, callback) => {
    calls.push(hostname);
    const answers = table[hostname];
    const reply = callback as unknown as (...args: unknown[]) => void;
    if (!answers)
      return reply(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    const all = answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (options.all) reply(null, all);
    else reply(null, all[0]?.address, all[0]?.family);
  };
}

describe('egress policy: refused by default', () => {
  const inward: Array<[string, string, string]> = [
    ['http://127.0.0.1:PORT/data', '127.0.0.1', 'loopback'],
    ['http://127.1.2.3/', '127.1.2.3', 'loopback'],
    ['http://2130706433:PORT/', '127.0.0.1', 'loopback'],
    ['http://10.1.2.3/', '10.1.2.3', 'private'],
    ['http://172.16.0.9/', '172.16.0.9', 'private'],
    ['http://192.168.1.1/', '192.168.1.1', 'private'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254', 'cloud metadata'],
    ['http://169.254.10.1/', '169.254.10.1', 'link-local'],
    ['http://100.64.0.1/', '100.64.0.1', 'carrier-grade NAT'],
    ['http://0.0.0.0:PORT/', '0.0.0.0', 'unspecified'],
    ['http://[::1]:PORT/', '::1', 'loopback'],
    ['http://[::]:PORT/', '::', 'unspecified'],
    ['http://[fc00::1]/', 'fc00::1', 'unique-local'],
    ['http://[fd12:3456::1]/', 'fd12:3456::1', 'unique-local'],
    ['http://[fe80::1]/', 'fe80::1', 'link-local'],
    ['http://[::ffff:127.0.0.1]:PORT/', '::ffff:7f00:1', 'loopback'],
    ['http://[::ffff:10.0.0.1]/', '::ffff:a00:1', 'private'],
    ['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe', 'cloud metadata'],
    ['http://[64:ff9b::7f00:1]/', '64:ff9b::7f00:1', 'loopback'],
  ];

  it.each(inward)(
    'refuses %s (%s, %s) with JX_EGRESS_REFUSED and sends nothing',
    async (raw, address, range) => {
      reset();
      const url = raw.replace('PORT', String(port));
      const failure = call({ url });
      await expect(failure).rejects.toMatchObject({
        code: 'JX_EGRESS_REFUSED',
        details: { host: address, address, range, maybeSent: false, retryable: false },
      });
      await expect(failure).rejects.toThrow(
        new RegExp(`${address.replace(/[.[\]]/g, '\\$&')} is a ${range} address`),
      );
      await expect(failure).rejects.toThrow(/egress allow-list/);
      expect(innerHits).toEqual([]);
    },
  );

  it('refuses a name that resolves inward (localhost), naming the host and the address', async () => {
    reset();
    const failure = call({ url: `http://localhost:${port}/data?token=abc` });
    await expect(failure).rejects.toMatchObject({
      code: 'JX_EGRESS_REFUSED',
      details: { host: 'localhost', range: 'loopback', allowEntry: `localhost:${port}` },
    });
    await expect(failure).rejects.toThrow(
      /localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/,
    );
    await expect(failure).rejects.not.toThrow(/abc/);
    expect(innerHits).toEqual([]);
  });

  it('refuses a name whose DNS answer points inward, even when another answer is public', async () => {
    reset();
    const policy = createEgressPolicy({
      lookup: fakeDns({ 'shop.example': ['10.20.30.40'], 'mixed.example': ['93.184.216.34', '127.0.0.1'] }),
    });
    await expect(call({ url: `http://shop.example:${port}/` }, policy)).rejects.toMatchObject({
      code: 'JX_EGRESS_REFUSED',
      details: { host: 'shop.example', address: '10.20.30.40', range: 'private' },
    });
    await expect(call({ url: `http://mixed.example:${port}/` }, policy)).rejects.toMatchObject({
      code: 'JX_EGRESS_REFUSED',
      details: { host: 'mixed.example', address: '127.0.0.1' },
    });
    expect(innerHits).toEqual([]);
    await policy.close();
  });

  it('checks the address the connection uses: DNS cannot answer differently between check and connect', async () => {
    reset();
    // First answer: an allowed address; every later answer: the internal service. A check made with
    // its own lookup before connecting would pass on the first answer and connect to the second.
    const calls: string[] = [];
    const answers = ['127.0.0.3', '127.0.0.1'];
    const lookup: LookupFunction = (hostname, options, callback) => {
      const address = answers[Math.min(calls.length, 1)] as string;
      calls.push(hostname);
      fakeDns({ [hostname]: [address] })(hostname, options, callback);
    };
    const policy = createEgressPolicy({ allow: ['127.0.0.3'], lookup });
    const result = await call({ url: `http://rebind.example:${port}/data` }, policy);
    expect(result.out).toMatchObject({ status: 200, body: 'allowed service body' });
    expect(calls).toEqual(['rebind.example']);
    expect(innerHits).toEqual([]);
    await policy.close();
  });

  it('applies to the card-platform gateway client', async () => {
    reset();
    const credential: ResolvedCredential = {
      id: 'cp',
      kind: 'card-platform',
      allowedHosts: ['127.0.0.1'],
      data: { appKey: 'AK', appSecret: 'S', gatewayUrl: `http://127.0.0.1:${port}/api/gateway` },
    };
    await expect(createGatewayClient(credential).call('user.info.get', {})).rejects.toMatchObject({
      code: 'JX_EGRESS_REFUSED',
      details: { address: '127.0.0.1', maybeSent: false },
    });
    expect(innerHits).toEqual([]);
  });

  it('is what a registry without a policy runs with; a registry built with one runs under it', async () => {
    reset();
    const config = { url: `http://127.0.0.1:${port}/data` };
    const strict = createBuiltinRegistry().get('http.request', 1);
    await expect(strict.run(createTestContext({ config }).ctx)).rejects.toMatchObject({
      code: 'JX_EGRESS_REFUSED',
    });
    const policy = createEgressPolicy({ allow: [`127.0.0.1:${port}`] });
    const allowed = createBuiltinRegistry({ egress: policy }).get('http.request', 1);
    expect(await allowed.run(createTestContext({ config }).ctx)).toMatchObject({ out: { status: 200 } });
    expect(innerHits).toEqual(['/data']);
    await policy.close();
  });
});

describe('egress policy: the allow-list', () => {
  it('allows a CIDR, an address, address:port, host and host:port — and nothing more', async () => {
    const lookup = fakeDns({ 'erp.internal': ['127.0.0.1'], 'wiki.internal': ['127.0.0.1'] });
    const allowed = async (allow: string[], url: string) => {
      const policy = createEgressPolicy({ allow, lookup });
      try {
        return ((await call({ url }, policy)).out as { status: number }).status;
      } catch (error) {
        return (error as { code: string }).code;
      } finally {
        await policy.close();
      }
    };
    const at = (host: string, p = port) => `http://${host}:${p}/data`;
    expect(await allowed(['127.0.0.0/8'], at('127.0.0.1'))).toBe(200);
    expect(await allowed(['10.0.0.0/8'], at('127.0.0.1'))).toBe('JX_EGRESS_REFUSED');
    expect(await allowed(['127.0.0.1'], at('127.0.0.1'))).toBe(200);
    expect(await allowed([`127.0.0.1:${port}`], at('127.0.0.1'))).toBe(200);
    expect(await allowed([`127.0.0.1:${port + 1}`], at('127.0.0.1'))).toBe('JX_EGRESS_REFUSED');
    // address:port also covers a name that resolves to that address on that port
    expect(await allowed([`127.0.0.1:${port}`], at('erp.internal'))).toBe(200);
    expect(await allowed([`127.0.0.1:${port + 1}`], at('erp.internal'))).toBe('JX_EGRESS_REFUSED');
    expect(await allowed(['erp.internal'], at('erp.internal'))).toBe(200);
    expect(await allowed([`erp.internal:${port}`], at('ERP.internal'))).toBe(200);
    expect(await allowed([`erp.internal:${port + 1}`], at('erp.internal'))).toBe('JX_EGRESS_REFUSED');
    expect(await allowed(['erp.internal'], at('wiki.internal'))).toBe('JX_EGRESS_REFUSED');
    expect(await allowed(['::1/128'], at('127.0.0.1'))).toBe('JX_EGRESS_REFUSED');
  });

  it("ends the refusal with the host's own hint, naming the entry that would allow it", async () => {
    const policy = createEgressPolicy({ allowHint: (entry) => `Start with --egress-allow ${entry}.` });
    await expect(call({ url: `http://127.0.0.1:${port}/data` }, policy)).rejects.toThrow(
      `Start with --egress-allow 127.0.0.1:${port}.`,
    );
    await expect(call({ url: 'http://[::1]:8080/' }, policy)).rejects.toThrow('--egress-allow [::1]:8080.');
  });

  it.each([
    ['10.0.0.0/33', /prefix length must be 0 to 32/],
    ['fd00::/129', /0 to 128/],
    ['nonsense/8', /not an IP address/],
    ['erp.internal:0', /port must be 1 to 65535/],
    ['[erp.internal]:80', /only an IPv6 address/],
    ['bad host!', /characters a DNS name cannot have/],
    ['http://erp.internal', /not a URL/],
    ['erp.internal:80:90', /CIDR, an IP address, or host\[:port\]/],
  ])('refuses the entry %s with JX_EGRESS_ALLOW_INVALID', (entry, why) => {
    expect(() => createEgressPolicy({ allow: [entry] })).toThrow(why);
    expect(() => createEgressPolicy({ allow: [entry] })).toThrow(
      expect.objectContaining({
        code: 'JX_EGRESS_ALLOW_INVALID',
        details: expect.objectContaining({ entry }),
      }),
    );
  });
});

describe('egress policy: redirects', () => {
  const loopback = () => createEgressPolicy({ allow: [`127.0.0.1:${port}`, 'localhost'] });

  it('are not followed unless the node asks: the 3xx is the answer, Location in its headers', async () => {
    reset();
    const policy = loopback();
    await expect(call({ url: `http://127.0.0.1:${port}/to-same` }, policy)).rejects.toMatchObject({
      code: 'JX_HTTP_STATUS',
      details: { status: 301, headers: { location: '/data' } },
    });
    expect(innerHits).toEqual(['/to-same']);
    await policy.close();
  });

  it('when followed, each hop meets the policy again', async () => {
    reset();
    const policy = loopback();
    const base = `http://127.0.0.1:${port}`;
    const ok = await call({ url: `${base}/to-same`, followRedirects: 2 }, policy);
    expect(ok.out).toMatchObject({ status: 200, body: 'inner service body' });
    await expect(call({ url: `${base}/to-private`, followRedirects: 2 }, policy)).rejects.toMatchObject({
      code: 'JX_EGRESS_REFUSED',
      details: { address: '10.0.0.1', maybeSent: true },
    });
    await expect(call({ url: `${base}/to-other-port`, followRedirects: 2 }, policy)).rejects.toMatchObject({
      code: 'JX_EGRESS_REFUSED',
      details: { address: '127.0.0.1', port: port + 1 },
    });
    await expect(call({ url: `${base}/loop`, followRedirects: 3 }, policy)).rejects.toMatchObject({
      code: 'JX_HTTP_REDIRECT_LIMIT',
      details: { followRedirects: 3 },
    });
    await expect(call({ url: `${base}/to-file`, followRedirects: 1 }, policy)).rejects.toMatchObject({
      code: 'JX_HTTP_REDIRECT_INVALID',
    });
    expect(innerHits).toEqual([
      '/to-same',
      '/data',
      '/to-private',
      '/to-other-port',
      '/loop',
      '/loop',
      '/loop',
      '/loop',
      '/to-file',
    ]);
    await policy.close();
  });

  it('a hop to a host the credential does not allow is refused before anything is sent there', async () => {
    reset();
    const policy = loopback();
    const credentials = {
      auth: { id: 'b', kind: 'bearer', allowedHosts: ['127.0.0.1'], data: { token: 'tok-secret' } },
    };
    await expect(
      call({ url: `http://127.0.0.1:${port}/to-localhost`, followRedirects: 2 }, policy, { credentials }),
    ).rejects.toMatchObject({
      code: 'JX_CREDENTIAL_HOST_FORBIDDEN',
      details: { host: 'localhost', maybeSent: true },
    });
    expect(innerHits).toEqual(['/to-localhost']);
    await policy.close();
  });
});
