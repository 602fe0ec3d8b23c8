import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JunctionError } from '@junction/runtime';
import { MONEY_SCALE } from '../catalogue/money.ts';
import { readBody, sendJson } from '../server/http-io.ts';
import type { FaultScope, SandboxAdmin } from './sandbox-admin.ts';

/** Header carrying the admin token (`Authorization: Bearer <token>` works too). */
export const ADMIN_TOKEN_HEADER = 'x-admin-token';

const STATUS_BY_CODE: Record<string, number> = {
  JX_SANDBOX_ADMIN_UNAUTHORIZED: 401,
  JX_SANDBOX_ADMIN_NOT_FOUND: 404,
  JX_SANDBOX_ORDER_NOT_FOUND: 404,
  JX_SANDBOX_MERCHANT_NOT_FOUND: 404,
};

function tokenOf(request: IncomingMessage): string {
  const header = request.headers[ADMIN_TOKEN_HEADER];
  if (typeof header === 'string') return header;
  const auth = request.headers.authorization ?? '';
  return auth.startsWith('Bearer ') ? auth.slice(7) : '';
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(request);
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {}
  throw new JunctionError('JX_SANDBOX_ADMIN_BODY', 'The admin API expects a JSON object body.');
}

type Route = (
  admin: SandboxAdmin,
  params: string[],
  query: URLSearchParams,
  body: () => Promise<Record<string, unknown>>,
) => unknown;

const FAULT_SCOPE = /^\/admin\/faults\/(global|app-keys\/[^/]+|products\/[^/]+)$/;

function scopeOf([scope]: string[]): FaultScope {
  if (scope === 'global') return 'global';
  const [kind, id] = scope!.split('/') as [string, string];
  return kind === 'app-keys' ? { appKey: decodeURIComponent(id) } : { productId: decodeURIComponent(id) };
}

function optional(query: URLSearchParams, name: string): string | undefined {
  return query.get(name) ?? undefined;
}

function outcomeOf(value: unknown): 'success' | 'failed' | undefined {
  if (value === undefined || value === 'success' || value === 'failed') return value;
  throw new JunctionError('JX_SANDBOX_ADMIN_BODY', 'outcome must be "success" or "failed".');
}

/** The smallest amount the sandbox books: one ten-thousandth of a yuan. */
const SMALLEST_AMOUNT = 1 / MONEY_SCALE;

/**
 * A top-up over HTTP only adds money: a negative or zero amount would be a withdrawal the admin API
 * does not offer (tests that need a low balance call `handle.topUp` in-process).
 */
function topUpAmountOf(amount: unknown, appKey: string): number {
  if (typeof amount === 'number' && Number.isFinite(amount) && amount >= SMALLEST_AMOUNT) return amount;
  const got = typeof amount === 'number' ? String(amount) : amount === undefined ? 'nothing' : typeof amount;
  throw new JunctionError(
    'JX_SANDBOX_AMOUNT_INVALID',
    `Send {"amount": <yuan>} with a positive, finite amount of at least ${SMALLEST_AMOUNT} to top up, got ${got}.`,
    { appKey, field: 'amount', got },
  );
}

const ROUTES: [method: string, pattern: RegExp, route: Route][] = [
  [
    'POST',
    /^\/admin\/reset$/,
    (admin) => {
      admin.reset();
      return { ok: true };
    },
  ],
  ['GET', /^\/admin\/products$/, (admin) => ({ products: admin.products() })],
  ['GET', /^\/admin\/merchants$/, (admin) => ({ merchants: admin.merchants() })],
  [
    'GET',
    /^\/admin\/orders$/,
    (admin, _p, query) => ({
      orders: admin.orders({
        appKey: optional(query, 'app_key'),
        customerOrderNo: optional(query, 'customer_order_no'),
      }),
    }),
  ],
  ['GET', /^\/admin\/orders\/([^/]+)$/, (admin, [id]) => ({ order: admin.order(id!) })],
  [
    'POST',
    /^\/admin\/orders\/([^/]+)\/settle$/,
    async (admin, [id], _q, body) => ({ order: admin.settle(id!, outcomeOf((await body()).outcome)) }),
  ],
  [
    'GET',
    /^\/admin\/balances$/,
    (admin) => ({ balances: Object.fromEntries(admin.merchants().map((m) => [m.app_key, m.balance])) }),
  ],
  [
    'GET',
    /^\/admin\/balances\/([^/]+)$/,
    (admin, [appKey]) => ({ app_key: appKey, balance: admin.balance(appKey!) }),
  ],
  [
    'POST',
    /^\/admin\/balances\/([^/]+)$/,
    async (admin, [appKey], _q, body) => ({
      app_key: appKey,
      balance: admin.topUp(appKey!, topUpAmountOf((await body()).amount, appKey!)),
    }),
  ],
  [
    'GET',
    /^\/admin\/deliveries$/,
    (admin, _p, query) => ({
      deliveries: admin.deliveries({
        appKey: optional(query, 'app_key'),
        orderId: optional(query, 'order_id'),
        customerOrderNo: optional(query, 'customer_order_no'),
      }),
    }),
  ],
  ['GET', /^\/admin\/faults$/, (admin) => ({ faults: admin.faults() })],
  [
    'PUT',
    /^\/admin\/faults$/,
    async (admin, _p, _q, body) => {
      admin.replaceFaults(await body());
      return { faults: admin.faults() };
    },
  ],
  [
    'PUT',
    FAULT_SCOPE,
    async (admin, params, _q, body) => {
      admin.setFaults(scopeOf(params), await body());
      return { faults: admin.faults() };
    },
  ],
  [
    'DELETE',
    FAULT_SCOPE,
    (admin, params) => {
      admin.setFaults(scopeOf(params), undefined);
      return { faults: admin.faults() };
    },
  ],
  ['GET', /^\/admin\/wire-format$/, (admin) => ({ wireFormat: admin.wireFormat() })],
  [
    'PUT',
    /^\/admin\/wire-format$/,
    async (admin, _p, _q, body) => ({ wireFormat: admin.setWireFormat(await body()) }),
  ],
  [
    'PUT',
    /^\/admin\/notify-urls\/([^/]+)$/,
    async (admin, [appKey], _q, body) => {
      const { url } = await body();
      if (typeof url !== 'string')
        throw new JunctionError('JX_SANDBOX_ADMIN_BODY', 'Send {"url": "http://…"}.');
      admin.setNotifyUrl(appKey!, url);
      return { app_key: appKey, notify_url: url };
    },
  ],
  [
    'DELETE',
    /^\/admin\/notify-urls\/([^/]+)$/,
    (admin, [appKey]) => {
      admin.setNotifyUrl(appKey!, undefined);
      return { app_key: appKey };
    },
  ],
];

/**
 * `/admin/*`: authenticated by the admin token only — merchant app keys and secrets are never accepted
 * here. Errors are `{error: {code, message, details}}` like the Junction server's.
 */
export async function handleAdmin(
  admin: SandboxAdmin,
  adminToken: string,
  request: IncomingMessage,
  response: ServerResponse,
) {
  try {
    if (!sameToken(tokenOf(request), adminToken)) {
      throw new JunctionError(
        'JX_SANDBOX_ADMIN_UNAUTHORIZED',
        `The admin API needs the admin token printed at start, in the ${ADMIN_TOKEN_HEADER} header.`,
      );
    }
    const url = new URL(request.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    for (const [method, pattern, route] of ROUTES) {
      const match = pattern.exec(path);
      if (!match || method !== request.method) continue;
      const params = match.slice(1).map(decodeURIComponent);
      sendJson(response, 200, await route(admin, params, url.searchParams, () => jsonBody(request)));
      return;
    }
    throw new JunctionError(
      'JX_SANDBOX_ADMIN_NOT_FOUND',
      `No admin route ${request.method} ${path}; see the sandbox README.`,
    );
  } catch (error) {
    const info =
      error instanceof JunctionError
        ? error.toJSON()
        : { code: 'JX_SANDBOX_ADMIN_FAILED', message: 'The admin request failed inside the sandbox.' };
    sendJson(response, STATUS_BY_CODE[info.code] ?? 400, { error: info });
  }
}
