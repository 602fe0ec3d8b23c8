import { createHash } from 'node:crypto';
import { evaluateExpression, type Json, JunctionError } from '@junction/runtime';

/** The request as the webhook trigger (and its idempotency expression) sees it. */
export interface WebhookRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string>;
  body: Json;
}

function keyText(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * The idempotency key of a request per the trigger's `idempotencyKey` setting: `=` + JSONata over the
 * request, or else the name of a header (matched case-insensitively). Undefined when the request
 * carries no key (empty, null or missing): such a request runs without deduplication. An expression
 * that fails on this request is the caller's problem to see: 422 `JX_WEBHOOK_IDEMPOTENCY_KEY_INVALID`.
 */
export async function idempotencyKeyOf(
  setting: string,
  request: WebhookRequest,
): Promise<string | undefined> {
  if (!setting.startsWith('=')) {
    const value = request.headers[setting.toLowerCase()];
    return keyText(Array.isArray(value) ? value.join(',') : value);
  }
  try {
    return keyText(await evaluateExpression(setting, request));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new JunctionError(
      'JX_WEBHOOK_IDEMPOTENCY_KEY_INVALID',
      `The webhook's idempotency key ${setting} could not be read from this request: ${reason}`,
      { path: request.path, idempotencyKey: setting },
    );
  }
}

/**
 * The run id of every request of `flowId` with this key: the same on every process and after
 * restarts, so the store's unique run id is what refuses a second run. The key is hashed, not shown,
 * because it may be a customer's order number.
 */
export function idempotentRunId(flowId: string, key: string): string {
  const hash = createHash('sha256').update(flowId).update('\0').update(key).digest('hex');
  return `webhook:${flowId}:${hash.slice(0, 32)}`;
}
