import { setTimeout as sleep } from 'node:timers/promises';
import { type ErrorInfo, type Json, JunctionError, type NodeLogger, toErrorInfo } from '@junction/runtime';
import { assertSameOrder, type CreateBiz } from './assert-same-order.ts';
import type { GatewayClient } from './gateway-client.ts';

/** Options of {@link createOrderSafely}. */
export interface SafeCreateOptions {
  signal: AbortSignal;
  timeoutMs: number;
  /**
   * Whether an earlier attempt of this node already sent the create call for this order number (see
   * `markCreateSent`). Then the order is looked up first, and a duplicate refusal means our own order.
   * Otherwise a duplicate refusal means someone else's order, which is never adopted.
   */
  sentBefore: boolean;
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

/**
 * Errors after which the supplier may have taken the order although we got no clean answer. A
 * duplicate refusal is one only when this node sent the number before (see `sentBefore`).
 */
const AMBIGUOUS = new Set([
  'JX_HTTP_TIMEOUT',
  'JX_HTTP_NETWORK',
  'JX_SUPPLIER_HTTP',
  'JX_SUPPLIER_UNAVAILABLE',
  'JX_SUPPLIER_BAD_RESPONSE',
  'JX_SUPPLIER_DUPLICATE_ORDER',
]);

/**
 * Creates an order so that it is never doubled, and never adopts an order that is not ours:
 *
 * 1. When an earlier attempt already sent the create (a retry, or a re-run after a crash), look the
 *    order up by `customer_order_no` first.
 * 2. Send the create call; a clean answer (order or refusal) is final. A duplicate refusal to a create
 *    this node never sent before is final too: the number belongs to another order
 *    (`JX_SUPPLIER_DUPLICATE_ORDER`, not retryable).
 * 3. After an ambiguous failure (timeout, dropped connection, 5xx, or a duplicate refusal of our own
 *    earlier create) query the order, polling for `confirmWindowMs` because suppliers often report
 *    "not found" right after creation. Found → that order is the result. Not found → the original
 *    error, so the engine's retry sends the same `customer_order_no` again and the supplier's duplicate
 *    check protects us.
 * 4. An order is only adopted when it is the one asked for: same product, quantity and account
 *    (`assertSameOrder`); otherwise `JX_SUPPLIER_DUPLICATE_ORDER`.
 */
export async function createOrderSafely(
  client: GatewayClient,
  createMethod: string,
  biz: CreateBiz,
  options: SafeCreateOptions,
): Promise<SafeCreateResult> {
  const call = { signal: options.signal, timeoutMs: options.timeoutMs };
  if (options.sentBefore) {
    // A failed lookup is no answer (the create below decides), but an order that is not ours is.
    const existing = await findOrder(client, biz, call).catch((error: unknown) => {
      if ((error as JunctionError).code === 'JX_SUPPLIER_DUPLICATE_ORDER') throw error;
      return undefined;
    });
    if (existing !== undefined) return { order: existing, recovered: true };
  }
  try {
    return { order: await client.call(createMethod, biz, call), recovered: false };
  } catch (error) {
    const info = toErrorInfo(error);
    if (info.code === 'JX_SUPPLIER_DUPLICATE_ORDER' && !options.sentBefore) throw notOurs(biz, info, error);
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

/** A duplicate refusal of a number this node never sent: another order already has it. */
function notOurs(biz: CreateBiz, info: ErrorInfo, cause: unknown): JunctionError {
  return new JunctionError(
    'JX_SUPPLIER_DUPLICATE_ORDER',
    `customer_order_no ${biz.customer_order_no} is already used by another order at the supplier, and this node never sent it, so that order was not adopted. Use a new order number for this order.`,
    { ...info.details, customer_order_no: biz.customer_order_no, conflict: 'not-ours', retryable: false },
    { cause },
  );
}

async function confirmOrder(
  client: GatewayClient,
  biz: CreateBiz,
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
  biz: CreateBiz,
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
