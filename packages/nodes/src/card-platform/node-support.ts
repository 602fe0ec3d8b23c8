import {
  type Json,
  type JsonObject,
  type JsonSchema,
  JunctionError,
  type NodeContext,
} from '@junction/runtime';
import { createGatewayClient, type GatewayClient } from './gateway-client.ts';

/** The credential slot every card-platform node uses. */
export const CARD_PLATFORM_CREDENTIALS = {
  auth: {
    kinds: ['card-platform'],
    title: 'Card platform account',
    description: 'App key, app secret and gateway URL of the supplier.',
  },
};

/** Config fields every gateway node has. */
export const TIMEOUT_PROPERTY: JsonSchema = {
  type: 'integer',
  title: 'Timeout (ms)',
  description: 'How long to wait for the supplier per call.',
  default: 15_000,
  examples: [5_000, 30_000],
  minimum: 100,
  maximum: 120_000,
};

/** The gateway client for the node's `auth` credential. */
export function gatewayClientOf(ctx: NodeContext<JsonObject>): GatewayClient {
  const credential = ctx.credentials.auth;
  if (!credential) {
    throw new JunctionError(
      'JX_CREDENTIAL_MISSING',
      `Node ${ctx.node.id} needs a card-platform credential in its "auth" slot; pick one in the inspector.`,
      { nodeId: ctx.node.id, slot: 'auth', retryable: false },
    );
  }
  return createGatewayClient(credential, ctx.now);
}

/** Per-call options from the node context. */
export function callOptions(ctx: NodeContext<JsonObject>): { signal: AbortSignal; timeoutMs: number } {
  const timeoutMs = ctx.config.timeoutMs;
  return { signal: ctx.signal, timeoutMs: typeof timeoutMs === 'number' ? timeoutMs : 15_000 };
}

/**
 * A required scalar config value as a string; the error names the field, not the value, and is not
 * retryable (the same config resolves the same way on every attempt).
 */
export function requiredText(config: JsonObject, field: string): string {
  const text = optionalText(config, field);
  if (text === undefined) {
    const value = config[field];
    const got =
      value === undefined || value === null ? 'nothing' : Array.isArray(value) ? 'array' : typeof value;
    throw new JunctionError(
      'JX_INPUT_INVALID',
      `${field} must be a non-empty string or number, got ${got}.`,
      { field, got, retryable: false },
    );
  }
  return text;
}

/** An optional scalar config value as a string; empty counts as absent. */
export function optionalText(config: JsonObject, field: string): string | undefined {
  const value = config[field];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value !== '') return value;
  if (value === undefined || value === null || value === '') return undefined;
  throw new JunctionError(
    'JX_INPUT_INVALID',
    `${field} must be a string or number, got ${Array.isArray(value) ? 'array' : typeof value}.`,
    { field, retryable: false },
  );
}

/** Copies the given optional fields into a biz_content object under supplier names. */
export function pickBiz(config: JsonObject, fields: Record<string, string>): Record<string, Json> {
  const biz: Record<string, Json> = {};
  for (const [configKey, bizKey] of Object.entries(fields)) {
    const value = optionalText(config, configKey);
    if (value !== undefined) biz[bizKey] = value;
  }
  return biz;
}
