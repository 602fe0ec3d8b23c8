import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One gateway call seen by the proxy: its `method` and how many calls of that method came before, plus one. */
export interface ProxiedCall {
  method: string;
  index: number;
}

/** Hooks of {@link startGatewayProxy}. */
export interface GatewayProxyHooks {
  /** Runs before the call is forwarded, e.g. to switch a sandbox fault on for exactly this call. */
  beforeForward?(call: ProxiedCall): void;
  /** Runs after the sandbox answered; a returned status replaces the answer (a load balancer's 502). */
  afterForward?(call: ProxiedCall): number | undefined;
}

/** A running proxy in front of the sandbox gateway. */
export interface GatewayProxy {
  /** Use as the credential's gateway URL. */
  gatewayUrl: string;
  calls: ProxiedCall[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * An HTTP proxy to the sandbox gateway that lets a test act on one particular call: the sandbox still
 * does all the work (and keeps the records the tests check); the proxy only decides when.
 */
export async function startGatewayProxy(targetUrl: string, hooks: GatewayProxyHooks): Promise<GatewayProxy> {
  const calls: ProxiedCall[] = [];
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    let method = '';
    try {
      method = String((JSON.parse(body) as { method?: unknown }).method ?? '');
    } catch {
      // Not JSON: forward as is and let the sandbox refuse it.
    }
    const call = { method, index: calls.filter((c) => c.method === method).length + 1 };
    calls.push(call);
    hooks.beforeForward?.(call);
    const upstream = await fetch(targetUrl, {
      method: 'POST',
      headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
      body,
    });
    const text = await upstream.text();
    const replaced = hooks.afterForward?.(call);
    if (replaced !== undefined) {
      response.writeHead(replaced, { 'content-type': 'text/plain' });
      response.end(`Injected HTTP ${replaced} by the test proxy after the sandbox answered.`);
      return;
    }
    response.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'text/plain',
    });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    gatewayUrl: `http://127.0.0.1:${port}/api/gateway`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
