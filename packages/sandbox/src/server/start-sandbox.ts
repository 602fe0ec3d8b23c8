import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JunctionError } from '@junction/runtime';
import { handleAdmin } from '../admin/admin-router.ts';
import { SandboxAdmin } from '../admin/sandbox-admin.ts';
import type { SandboxConfig } from '../config/sandbox-config.ts';
import { SandboxCore } from '../core/sandbox-core.ts';
import { handleGateway } from '../gateway/gateway-handler.ts';
import { GATEWAY_HTTP_METHOD, sendMethodNotAllowed } from '../gateway/method-not-allowed.ts';
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET } from '../state/merchant.ts';
import { sendJson } from './http-io.ts';
import type { SandboxHandle } from './sandbox-handle.ts';

/** Options of {@link startSandbox}. */
export interface StartSandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Seed of the catalogue and card numbers; default 1. */
  seed?: number;
  /** Multiplies simulated durations (settlement, callback retries); e.g. 0.001 in tests. Default 1. */
  timeFactor?: number;
  config?: SandboxConfig;
}

function route(core: SandboxCore, admin: SandboxAdmin, adminToken: string) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = request.url ?? '/';
    if (url === '/api/gateway' || url.startsWith('/api/gateway?')) {
      if (request.method === GATEWAY_HTTP_METHOD) void handleGateway(core, request, response);
      else sendMethodNotAllowed(response, request.method);
      return;
    }
    if (url === '/admin' || url.startsWith('/admin/')) {
      void handleAdmin(admin, adminToken, request, response);
      return;
    }
    if (url === '/health') {
      sendJson(response, 200, { ok: true });
      return;
    }
    sendJson(response, 404, {
      error: { code: 'JX_SANDBOX_NOT_FOUND', message: `Nothing at ${url}; use POST /api/gateway.` },
    });
  };
}

async function waitUntil<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new JunctionError(
        'JX_SANDBOX_WAIT_TIMEOUT',
        `Gave up after ${timeoutMs} ms waiting for ${what}.`,
        { timeoutMs },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Starts a card-platform sandbox over HTTP. The default merchant `sandbox-app` with its fixed secret
 * always exists; `seed` makes the catalogue deterministic; `timeFactor` speeds up simulated time.
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<SandboxHandle> {
  const seed = options.seed ?? 1;
  const timeFactor = options.timeFactor ?? 1;
  if (!(timeFactor > 0)) {
    throw new JunctionError('JX_SANDBOX_TIME_FACTOR', `timeFactor must be a number > 0, got ${timeFactor}.`);
  }
  const config = options.config ?? {};
  const core = new SandboxCore({ seed, timeFactor, config });
  const admin = new SandboxAdmin(core);
  const adminToken = config.adminToken ?? randomBytes(16).toString('hex');
  const server = createServer({ keepAlive: true }, route(core, admin, adminToken));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  return {
    url,
    gatewayUrl: `${url}/api/gateway`,
    adminUrl: `${url}/admin`,
    appKey: DEFAULT_APP_KEY,
    appSecret: DEFAULT_APP_SECRET,
    adminToken,
    seed,
    timeFactor,
    close: () =>
      new Promise<void>((resolve) => {
        core.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    reset: () => admin.reset(),
    products: () => admin.products(),
    orders: (filter) => admin.orders(filter),
    order: (orderId) => admin.order(orderId),
    settle: (orderId, outcome) => admin.settle(orderId, outcome),
    balance: (appKey = DEFAULT_APP_KEY) => admin.balance(appKey),
    topUp: (appKey, amount) => admin.topUp(appKey, amount),
    deliveries: (filter) => admin.deliveries(filter),
    waitForDeliveries: (count, { filter, timeoutMs = 5000 } = {}) =>
      waitUntil(
        () => {
          const found = admin.deliveries(filter);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
        `${count} callback deliveries`,
      ),
    faults: () => admin.faults(),
    setFaults: (settings, scope = 'global') => admin.setFaults(scope, settings),
    setNotifyUrl: (notifyUrl, appKey = DEFAULT_APP_KEY) => admin.setNotifyUrl(appKey, notifyUrl),
    wireFormat: () => admin.wireFormat(),
    setWireFormat: (wire) => admin.setWireFormat(wire),
  };
}
