import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SandboxCore } from '../core/sandbox-core.ts';
import { signString, verifyPayload } from '../crypto/sign.ts';
import { parseTimestamp } from '../crypto/timestamp.ts';
import type { FaultSettings } from '../faults/fault-settings.ts';
import { readBody, sendJson } from '../server/http-io.ts';
import type { Merchant } from '../state/merchant.ts';
import { parseBizContent, parseEnvelope } from './envelope.ts';
import { GATEWAY_ERRORS, GatewayRefusal } from './gateway-errors.ts';
import { GATEWAY_METHODS } from './method-table.ts';
import type { MethodOutcome } from './method-types.ts';

/** The gateway's answer: `result` is a JSON string and `sign` signs that string with the app secret. */
export interface GatewayResponse {
  code: number;
  message: string;
  result: string;
  sign: string;
}

function answer(
  response: ServerResponse,
  code: number,
  message: string,
  result: string,
  secret?: string,
): void {
  // Errors are signed too (over an empty result) when the merchant is known, so clients verify uniformly.
  const body: GatewayResponse = {
    code,
    message,
    result,
    sign: secret === undefined ? '' : signString(result, secret),
  };
  sendJson(response, 200, body);
}

function productIdOf(bizContent: string): string | undefined {
  // Product-level faults need the product before the method runs; a cheap parse is enough here.
  try {
    const biz = JSON.parse(bizContent) as { product_id?: unknown };
    return typeof biz?.product_id === 'string' || typeof biz?.product_id === 'number'
      ? String(biz.product_id)
      : undefined;
  } catch {
    return undefined;
  }
}

async function applyTransportFaults(faults: FaultSettings, core: SandboxCore, response: ServerResponse) {
  if (faults.latencyMs !== undefined && faults.latencyMs > 0) await sleep(faults.latencyMs);
  const failure = faults.http5xx;
  if (failure && core.state.random.next() < (failure.rate ?? 1)) {
    const status = failure.status ?? 503;
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(`Injected HTTP ${status}: the sandbox fault http5xx is active.`);
    return true;
  }
  return false;
}

/**
 * `POST /api/gateway`. Order of checks: body → envelope parameters → app key → signature → timestamp
 * → rate limit → transport faults → method → business parameters. Each refusal has its own code.
 */
export async function handleGateway(core: SandboxCore, request: IncomingMessage, response: ServerResponse) {
  let merchant: Merchant | undefined;
  try {
    const envelope = parseEnvelope(await readBody(request));
    merchant = core.state.merchants.get(envelope.app_key);
    if (!merchant)
      throw new GatewayRefusal('unknownAppKey', `app_key ${envelope.app_key} has no account here.`);
    if (!verifyPayload(envelope, merchant.appSecret)) {
      throw new GatewayRefusal(
        'badSignature',
        'Remove sign, serialise compactly, sort the characters, append the secret, MD5.',
      );
    }
    const now = Date.now();
    const sentAt = parseTimestamp(envelope.timestamp);
    if (sentAt === undefined)
      throw new GatewayRefusal('invalidParameter', 'timestamp must be yyyy-MM-dd HH:mm:ss (UTC+8).');
    if (Math.abs(now - sentAt) > core.timestampToleranceMs) {
      throw new GatewayRefusal('timestampExpired', 'Check the clock and send the current UTC+8 time.');
    }
    const faults = core.faultsFor(merchant.appKey, productIdOf(envelope.biz_content));
    if (
      faults.rateLimitPerSecond !== undefined &&
      !core.state.rateLimiter.allow(merchant.appKey, faults.rateLimitPerSecond)
    ) {
      throw new GatewayRefusal(
        'rateLimited',
        `The limit is ${faults.rateLimitPerSecond} requests per second.`,
      );
    }
    if (await applyTransportFaults(faults, core, response)) return;
    const method = GATEWAY_METHODS.get(envelope.method);
    if (!method)
      throw new GatewayRefusal('unknownMethod', `Supported: ${[...GATEWAY_METHODS.keys()].join(', ')}.`);
    const biz = parseBizContent(envelope.biz_content);
    const outcome: MethodOutcome = method({ core, merchant, biz, faults, now });
    if (outcome.beforeAnswer) await outcome.beforeAnswer;
    if (outcome.dropConnection) {
      request.socket.destroy();
      return;
    }
    answer(response, 0, 'ok', JSON.stringify(outcome.result), merchant.appSecret);
  } catch (error) {
    if (response.headersSent || request.socket.destroyed) return;
    if (error instanceof GatewayRefusal) {
      answer(response, error.supplierCode, error.message, '', merchant?.appSecret);
      return;
    }
    core.backgroundErrors.push(error);
    const entry = GATEWAY_ERRORS.internalError;
    answer(response, entry.code, entry.message, '', merchant?.appSecret);
  }
}
