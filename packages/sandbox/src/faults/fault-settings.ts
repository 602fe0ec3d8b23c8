/**
 * Faults the sandbox can inject, set globally, per app key or per product (the most specific wins,
 * field by field). Durations marked *simulated* are multiplied by the sandbox's `timeFactor`;
 * `latencyMs` and the rate limit are real time because they are about the HTTP exchange itself.
 */
export interface FaultSettings {
  /** Real milliseconds added before the gateway answers. */
  latencyMs?: number;
  /** Answer with an HTTP 5xx instead of processing the request (`rate` 0..1, default 1; `status` default 503). */
  http5xx?: { status?: number; rate?: number };
  /** Accept (and charge) an order, then destroy the connection without an answer. */
  dropAfterAccept?: boolean;
  /** *Simulated* ms after creation during which `order.info.get` answers "order not found". */
  orderNotFoundMs?: number;
  /** *Simulated* ms added before the first callback attempt. */
  callbackDelayMs?: number;
  /** Deliver every callback a second time after it was acknowledged. */
  callbackDuplicate?: boolean;
  /**
   * Hold callbacks for this many *simulated* ms and deliver what was held newest first, so results
   * arrive out of order.
   */
  callbackOutOfOrderWindowMs?: number;
  /**
   * Send a notice while the order is still `processing`, before it settles, as many suppliers do;
   * the result callback follows at settlement. A merchant that takes the first notice as the result
   * finds the order unsettled.
   */
  callbackBeforeSettlement?: boolean;
  /** Settle immediately and deliver the callback before the create call answers. */
  callbackBeforeResponse?: boolean;
  /** Settle but never send the callback. */
  callbackNever?: boolean;
  /** Send callbacks with a wrong signature. */
  callbackBadSignature?: boolean;
  /** Requests per second allowed for the app key (real time); more are refused with code 1007. */
  rateLimitPerSecond?: number;
  /** Force the settlement result of orders. */
  settlement?: 'success' | 'failed';
}

/** Where fault settings are attached. */
export interface FaultConfig {
  global?: FaultSettings;
  appKeys?: Record<string, FaultSettings>;
  products?: Record<string, FaultSettings>;
}

/** The effective faults for one request or order: global, then app key, then product. */
export function resolveFaults(config: FaultConfig, appKey: string, productId?: string): FaultSettings {
  const byApp = config.appKeys?.[appKey];
  const byProduct = productId === undefined ? undefined : config.products?.[productId];
  if (!config.global && !byApp && !byProduct) return EMPTY;
  return { ...config.global, ...byApp, ...byProduct };
}

const EMPTY: FaultSettings = Object.freeze({});
