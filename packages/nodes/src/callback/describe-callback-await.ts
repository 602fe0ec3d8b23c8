import type { FlowNode, Json } from '@junction/runtime';

/** How the callback ingress routes and answers callbacks for one `callback.await` node. */
export interface CallbackAwaitDescription {
  nodeId: string;
  channel: string;
  /** Dot path of the correlation key in the callback body, or the header / query name. */
  keyPath: string;
  /** Where the key sits: the body (default), a header or a query parameter. */
  keyFrom: 'body' | 'header' | 'query';
  /** Answered once the callback is accepted: a text (e.g. `success`) or `{status?, contentType?, body}`. */
  ack: Json;
  /** Answered to a callback refused by verification, instead of the coded 401; absent = the 401. */
  refusal?: Json;
  /** Credential (slot `verify`) that checks the callback's signature; absent = not verified. */
  credentialId?: string;
  timeoutMs: number;
}

/** Defaults shared by the node and {@link describeCallbackAwait}. */
export const CALLBACK_DEFAULTS = {
  ack: 'success',
  timeoutMs: 86_400_000,
  keyPath: 'customer_order_no',
} as const;

/**
 * What the server needs to route `POST /callbacks/:channel` for a deployed `callback.await` node, read from the
 * stored config (channel, key path and ack are literal by schema). Undefined for other node types.
 */
export function describeCallbackAwait(node: FlowNode): CallbackAwaitDescription | undefined {
  if (node.type !== 'callback.await') return undefined;
  const config = node.config;
  const text = (value: unknown, fallback: string): string =>
    typeof value === 'string' && value !== '' ? value : fallback;
  const description: CallbackAwaitDescription = {
    nodeId: node.id,
    channel: text(config.channel, ''),
    keyPath: text(config.keyPath, CALLBACK_DEFAULTS.keyPath),
    keyFrom: config.keyFrom === 'header' || config.keyFrom === 'query' ? config.keyFrom : 'body',
    ack:
      config.ack === undefined || config.ack === null || config.ack === ''
        ? CALLBACK_DEFAULTS.ack
        : config.ack,
    timeoutMs: typeof config.timeoutMs === 'number' ? config.timeoutMs : CALLBACK_DEFAULTS.timeoutMs,
  };
  if (config.refusal !== undefined && config.refusal !== null) description.refusal = config.refusal;
  const credentialId = node.credentials?.verify;
  if (credentialId) description.credentialId = credentialId;
  return description;
}
