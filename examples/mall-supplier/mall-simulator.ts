import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A second supplier, unlike the card-platform sandbox in every convention: requests and
// notifications are signed in headers (businessId, nonce, signType, timestamp in milliseconds, sign =
// MD5 upper of the headers as k=v& sorted, the raw body and the key), a nonce is accepted once,
// results travel in a `{code, msg, data}` envelope with code "0000" for success and HTTP 200 even
// for errors, order states are numbers (1 processing, 2 delivered, 3 failed), and a notification
// is acknowledged with the JSON `{"code":"0000"}`. Written from that description alone: it shares
// no code with Junction's signing recipes.

/** One order at the supplier. */
export interface MallOrder {
  orderNo: string;
  merchantOrderNo: string;
  goodsNo: string;
  quantity: number;
  status: 1 | 2 | 3;
  cards: { no: string; pwd: string }[];
  notifyUrl: string;
}

/** A notification as the supplier sent it (for tests that replay or forge one). */
export interface SentNotification {
  url: string;
  headers: Record<string, string>;
  body: string;
  answer: { status: number; body: string };
}

/** The running simulator. */
export interface MallSimulator {
  url: string;
  businessId: string;
  key: string;
  /** Orders by merchant order number. */
  orders: Map<string, MallOrder>;
  /** Every notification sent, in order. */
  notifications: SentNotification[];
  /** Requests refused for their signature or a replayed nonce. */
  refused: number;
  close(): Promise<void>;
}

const GOODS = [
  { goodsNo: 'G100', name: 'Game card 100', price: '98.00', stock: 50 },
  { goodsNo: 'G200', name: 'Game card 200', price: '196.00', stock: 0 },
];

/** The scheme's signature over headers, raw body and key. */
export function mallSign(headers: Record<string, string>, body: string, key: string): string {
  const signed = ['businessId', 'nonce', 'signType', 'timestamp']
    .sort()
    .map((name) => `${name}=${headers[name] ?? ''}`)
    .join('&');
  return createHash('md5').update(`${signed}${body}${key}`, 'utf8').digest('hex').toUpperCase();
}

/** Headers that sign `body` as the supplier does. */
export function mallHeaders(businessId: string, key: string, body: string): Record<string, string> {
  const headers: Record<string, string> = {
    businessId,
    nonce: randomBytes(16).toString('hex'),
    signType: 'MD5',
    timestamp: String(Date.now()),
  };
  return { ...headers, sign: mallSign(headers, body, key) };
}

/** Starts the simulator; `notifyDelayMs` after an order it posts the signed result to its notify URL. */
export async function startMallSimulator(options: { notifyDelayMs?: number } = {}): Promise<MallSimulator> {
  const businessId = 'M20240001';
  const key = randomBytes(16).toString('hex');
  const seenNonces = new Set<string>();
  const orders = new Map<string, MallOrder>();
  const notifications: SentNotification[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const state = { refused: 0 };

  const envelope = (response: ServerResponse, code: string, msg: string, data: unknown = null) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ code, msg, data }));
  };

  const notify = async (order: MallOrder) => {
    const body = JSON.stringify({
      orderNo: order.orderNo,
      merchantOrderNo: order.merchantOrderNo,
      status: order.status,
      cards: order.cards,
    });
    const headers = { 'content-type': 'application/json', ...mallHeaders(businessId, key, body) };
    const response = await fetch(order.notifyUrl, { method: 'POST', headers, body }).catch(() => undefined);
    const answer = { status: response?.status ?? 0, body: (await response?.text().catch(() => '')) ?? '' };
    notifications.push({ url: order.notifyUrl, headers, body, answer });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse, raw: string) => {
    const header = (name: string) => {
      const value = request.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    };
    const signed = {
      businessId: header('businessId') ?? '',
      nonce: header('nonce') ?? '',
      signType: header('signType') ?? '',
      timestamp: header('timestamp') ?? '',
    };
    const expected = Buffer.from(mallSign(signed, raw, key));
    const given = Buffer.from(header('sign') ?? '');
    const fresh = Math.abs(Date.now() - Number(signed.timestamp)) <= 300_000;
    if (
      signed.businessId !== businessId ||
      given.length !== expected.length ||
      !timingSafeEqual(given, expected) ||
      !fresh
    ) {
      state.refused++;
      return envelope(response, 'E1001', 'signature verification failed');
    }
    if (seenNonces.has(signed.nonce)) {
      state.refused++;
      return envelope(response, 'E1002', 'nonce already used');
    }
    seenNonces.add(signed.nonce);
    const input = JSON.parse(raw || '{}') as Record<string, unknown>;
    switch (request.url) {
      case '/open/goods/list':
        return envelope(
          response,
          '0000',
          'ok',
          GOODS.map(({ goodsNo, name, price, stock }) => ({ goodsNo, name, price, stock })),
        );
      case '/open/order/create': {
        const merchantOrderNo = String(input.merchantOrderNo ?? '');
        const existing = orders.get(merchantOrderNo);
        // Idempotent by the merchant's order number: a retry gets the order it created.
        if (existing)
          return envelope(response, '0000', 'ok', { orderNo: existing.orderNo, status: existing.status });
        const goods = GOODS.find((g) => g.goodsNo === input.goodsNo);
        if (!goods) return envelope(response, 'E2001', `goods ${String(input.goodsNo)} does not exist`);
        if (goods.stock < Number(input.quantity ?? 1)) return envelope(response, 'E2002', 'out of stock');
        const quantity = Number(input.quantity ?? 1);
        const order: MallOrder = {
          orderNo: `MO${Date.now()}${orders.size}`,
          merchantOrderNo,
          goodsNo: goods.goodsNo,
          quantity,
          status: 1,
          cards: [],
          notifyUrl: String(input.notifyUrl ?? ''),
        };
        orders.set(merchantOrderNo, order);
        const timer = setTimeout(() => {
          timers.delete(timer);
          order.status = 2;
          order.cards = Array.from({ length: quantity }, (_, i) => ({
            no: `${order.orderNo}-${i + 1}`,
            pwd: randomBytes(6).toString('hex'),
          }));
          void notify(order);
        }, options.notifyDelayMs ?? 200);
        timers.add(timer);
        return envelope(response, '0000', 'ok', { orderNo: order.orderNo, status: order.status });
      }
      case '/open/order/query': {
        const order = orders.get(String(input.merchantOrderNo ?? ''));
        if (!order) return envelope(response, 'E3001', 'order does not exist');
        return envelope(response, '0000', 'ok', {
          orderNo: order.orderNo,
          status: order.status,
          cards: order.cards,
        });
      }
      default:
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ code: 'E0404', msg: 'no such API', data: null }));
    }
  };

  const server: Server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      raw += chunk;
    });
    request.on('end', () => {
      handle(request, response, raw).catch(() => envelope(response, 'E9999', 'internal error'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    businessId,
    key,
    orders,
    notifications,
    get refused() {
      return state.refused;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
