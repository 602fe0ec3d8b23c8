import { request as httpRequest } from 'node:http';

/** One HTTP attempt to place an order: the answer, or the network error that replaced it. */
export interface OrderAttempt {
  startedAt: number;
  endedAt: number;
  status?: number;
  // biome-ignore lint/suspicious/noExplicitAny: the flow's answers are arbitrary JSON
  body?: any;
  text?: string;
  runId?: string;
  replayed?: boolean;
  error?: string;
  /** True for the deliberate second post of the same order (the shop's retry). */
  duplicate: boolean;
}

/** An order the shop placed, with every attempt made for it. */
export interface PlacedOrder {
  customerOrderNo: string;
  productId: string;
  attempts: OrderAttempt[];
  /** The first answer that is neither a network error nor a 5xx: what the shop saw. */
  first?: OrderAttempt;
  /** The deliberate repeat's final attempt, when the order was posted twice. */
  repeat?: OrderAttempt;
}

/** Options of {@link placeOrders}. */
export interface TrafficOptions {
  hookUrl: string;
  /** Orders per second. */
  rate: number;
  /** Keep posting until this many orders were placed and `keepGoing()` turns false. */
  minOrders: number;
  keepGoing: () => boolean;
  /** Share of orders posted a second time with the same customer_order_no. */
  duplicateShare: number;
  pickProduct: () => string;
  random: () => number;
  /** Give up on one order after this long without a definitive answer. */
  giveUpMs: number;
  prefix: string;
}

const RETRY_PAUSE_MS = 500;

function post(url: string, payload: string, duplicate: boolean): Promise<OrderAttempt> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        timeout: 90_000,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) =>
          resolve({ startedAt, endedAt: Date.now(), error: error.message, duplicate }),
        );
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          resolve({
            startedAt,
            endedAt: Date.now(),
            status: response.statusCode ?? 0,
            body,
            text,
            runId: response.headers['x-junction-run-id'] as string | undefined,
            replayed: response.headers['x-junction-replayed'] === 'true',
            duplicate,
          });
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('client timeout')));
    request.on('error', (error) =>
      resolve({ startedAt, endedAt: Date.now(), error: error.message, duplicate }),
    );
    request.end(payload);
  });
}

function definitive(attempt: OrderAttempt): boolean {
  // 429 (rate limited) says "not now", as a 503 does: the shop retries.
  if (attempt.status === undefined || attempt.status === 429) return false;
  // The flow's own 502 (the supplier refused) is an answer; a retry would only replay it.
  return attempt.status < 500 || String(attempt.body?.code ?? '').startsWith('JX_USER_');
}

/** Posts until a definitive answer, as a shop retries after a dropped connection or a 5xx. */
async function postUntilAnswered(
  order: PlacedOrder,
  options: TrafficOptions,
  duplicate: boolean,
): Promise<OrderAttempt | undefined> {
  const payload = JSON.stringify({
    product_id: order.productId,
    buy_num: 1,
    customer_order_no: order.customerOrderNo,
  });
  const deadline = Date.now() + options.giveUpMs;
  for (;;) {
    const attempt = await post(options.hookUrl, payload, duplicate);
    order.attempts.push(attempt);
    if (definitive(attempt)) return attempt;
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
  }
}

async function placeOne(order: PlacedOrder, options: TrafficOptions, twice: boolean): Promise<void> {
  order.first = await postUntilAnswered(order, options, false);
  if (!twice || !order.first) return;
  await new Promise((resolve) => setTimeout(resolve, 500 + options.random() * 3_000));
  order.repeat = await postUntilAnswered(order, options, true);
}

/** Posts orders at a steady rate (each in its own task, so a slow answer never slows the rate). */
export async function placeOrders(options: TrafficOptions): Promise<PlacedOrder[]> {
  const orders: PlacedOrder[] = [];
  const tasks: Promise<void>[] = [];
  const started = Date.now();
  for (let index = 0; index < options.minOrders || options.keepGoing(); index++) {
    const due = started + (index * 1000) / options.rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    const order: PlacedOrder = {
      customerOrderNo: `${options.prefix}${String(index).padStart(5, '0')}`,
      productId: options.pickProduct(),
      attempts: [],
    };
    orders.push(order);
    tasks.push(placeOne(order, options, options.random() < options.duplicateShare));
  }
  await Promise.all(tasks);
  return orders;
}
