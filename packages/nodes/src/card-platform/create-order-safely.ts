import { setTimeout as sleep } from 'node:timers/promises';
import { type Json, JunctionError, type NodeLogger, toErrorInfo } from '@junction/runtime';
import type { GatewayClient } from './gateway-client.ts';

/** Options of {@link createOrderSafely}. */
export interface SafeCreateOptions {
  signal: AbortSignal;
  timeoutMs: number;
  /** The engine's attempt number; from the second attempt on, the order is looked up first. */
  attempt: number;
  /** How long to keep querying an order the supplier may not show yet ("order not found" right after creation). */
  confirmWindowMs: number;
  pollIntervalMs: number;
  log: NodeLogger;
}

/** The order as the supplier reports it, and whether it was found by a query instead of the create answer. */
export interface SafeCreateResult {
  order: Json;
  recovered: boolean;
}

/** Errors after which the supplier may have taken the order although we got no clean answer. */
const AMBIGUOUS = new Set([
  'JX_HTTP_TIMEOUT',
  'JX_HTTP_NETWORK',
  'JX_SUPPLIER_HTTP',
  'JX_SUPPLIER_UNAVAILABLE',
  'JX_SUPPLIER_BAD_RESPONSE',
  'JX_SUPPLIER_DUPLICATE_ORDER',
]);

/**
 * Creates an order so that it is never doubled:
 *
 * 1. On a retry (attempt > 1, or after a crash) look the order up by `customer_order_no` first.
 * 2. Send the create call; a clean answer (order or refusal) is final.
 * 3. After an ambiguous failure (timeout, dropped connection, 5xx, duplicate refusal) query the order,
 *    polling for `confirmWindowMs` because suppliers often report "not found" right after creation.
 *    Found → that order is the result. Not found → the original error, so the engine's retry sends the
 *    same `customer_order_no` again and the supplier's duplicate check protects us.
 */
export async function createOrderSafely(
  client: GatewayClient,
  createMethod: string,
  biz: Record<string, Json> & { customer_order_no: string },
  options: SafeCreateOptions,
): Promise<SafeCreateResult> {
  const call = { signal: options.signal, timeoutMs: options.timeoutMs };
  if (options.attempt > 1) {
    const existing = await findOrder(client, biz, call).catch(() => undefined);
    if (existing !== undefined) return { order: existing, recovered: true };
  }
  try {
    return { order: await client.call(createMethod, biz, call), recovered: false };
  } catch (error) {
    const info = toErrorInfo(error);
    const maybeTaken = AMBIGUOUS.has(info.code) && info.details?.maybeSent !== false;
    const transient = info.code !== 'JX_SUPPLIER_HTTP' || Number(info.details?.status) >= 500;
    if (!maybeTaken || !transient) throw error;
    options.log.warn('create call ended ambiguously; checking whether the supplier took the order', {
      code: info.code,
      customer_order_no: biz.customer_order_no,
    });
    const found = await confirmOrder(client, biz, options);
    if (found !== undefined) return { order: found, recovered: true };
    if (info.code === 'JX_SUPPLIER_DUPLICATE_ORDER') throw error;
    throw new JunctionError(
      info.code,
      `${info.message} The order ${biz.customer_order_no} was not found within ${options.confirmWindowMs} ms, so a retry may send it again safely.`,
      { ...info.details, customer_order_no: biz.customer_order_no, retryable: true },
      { cause: error },
    );
  }
}

async function confirmOrder(
  client: GatewayClient,
  biz: Record<string, Json> & { customer_order_no: string },
  options: SafeCreateOptions,
): Promise<Json | undefined> {
  const deadline = Date.now() + options.confirmWindowMs;
  for (;;) {
    try {
      const order = await findOrder(client, biz, { signal: options.signal, timeoutMs: options.timeoutMs });
      if (order !== undefined) return order;
    } catch (error) {
      // A conflicting order is an answer, not a hiccup.
      if ((error as JunctionError).code === 'JX_SUPPLIER_DUPLICATE_ORDER') throw error;
      options.signal.throwIfAborted();
    }
    if (Date.now() + options.pollIntervalMs > deadline) return undefined;
    await sleep(options.pollIntervalMs, undefined, { signal: options.signal });
  }
}

/** The order with our `customer_order_no`, undefined when the supplier does not know it (yet). */
async function findOrder(
  client: GatewayClient,
  biz: Record<string, Json> & { customer_order_no: string },
  call: { signal: AbortSignal; timeoutMs: number },
): Promise<Json | undefined> {
  try {
    const order = await client.call('order.info.get', { customer_order_no: biz.customer_order_no }, call);
    assertSameOrder(order, biz);
    return order;
  } catch (error) {
    if ((error as JunctionError).code === 'JX_SUPPLIER_ORDER_NOT_FOUND') return undefined;
    throw error;
  }
}

/** Refuses to adopt an order that used our number for another product: that is a real duplicate. */
function assertSameOrder(order: Json, biz: Record<string, Json>): void {
  const product =
    typeof order === 'object' && order !== null && !Array.isArray(order) ? order.product_id : undefined;
  if (product !== undefined && biz.product_id !== undefined && String(product) !== String(biz.product_id)) {
    throw new JunctionError(
      'JX_SUPPLIER_DUPLICATE_ORDER',
      `customer_order_no ${String(biz.customer_order_no)} already belongs to an order for product ${String(product)}; use another order number.`,
      { customer_order_no: biz.customer_order_no, retryable: false },
    );
  }
}
