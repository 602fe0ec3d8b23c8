/** What happened to one callback attempt. */
export type DeliveryOutcome = 'acknowledged' | 'rejected' | 'error';

/** One recorded attempt to POST a settlement callback to a merchant. */
export interface CallbackDelivery {
  /** Increasing number over the sandbox's life (since the last reset). */
  id: number;
  orderId: string;
  customerOrderNo: string;
  appKey: string;
  url: string;
  /** 1 for the first try; retries count up. Duplicates injected by a fault repeat the attempt number. */
  attempt: number;
  /** `retry` attempts follow a non-`success` answer; `duplicate` ones are injected by the fault. */
  kind: 'first' | 'retry' | 'duplicate';
  /** The planned wait before this attempt in *simulated* ms (from the retry schedule), before the time factor. */
  plannedDelayMs: number;
  /** Epoch ms when the request was sent and when it finished. */
  sentAt: number;
  finishedAt: number;
  /** The fields sent, including their `sign` (sent as JSON or XML, see `contentType`). */
  body: Record<string, string>;
  /** Content-Type of the callback as sent, e.g. `text/xml; charset=GBK`. */
  contentType: string;
  /** True when the `callbackBadSignature` fault spoiled the signature. */
  badSignature: boolean;
  httpStatus?: number;
  /** The merchant's answer, cut to 200 characters. */
  responseBody?: string;
  outcome: DeliveryOutcome;
  /** Why the request failed (connection refused, timeout…). */
  error?: string;
}
