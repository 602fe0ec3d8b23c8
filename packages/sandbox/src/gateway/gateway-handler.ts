import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SandboxCore } from '../core/sandbox-core.ts';
import { signString, verifyPayload } from '../crypto/sign.ts';
import { parseTimestamp } from '../crypto/timestamp.ts';
import type { FaultSettings } from '../faults/fault-settings.ts';
import { readBodyBytes, sendMessage } from '../server/http-io.ts';
import type { Merchant } from '../state/merchant.ts';
import type { WireFormat } from '../wire/wire-format.ts';
import { type DecodedMessage, decodeMessage, encodeMessage } from '../wire/wire-message.ts';
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
  wire: WireFormat,
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
    sign: secret === undefined ? '' : signString(result, secret, wire.charset),
  };
  let encoded: ReturnType<typeof encodeMessage>;
  try {
    encoded = encodeMessage({ ...body }, wire, 'gateway answer');
  } catch {
    // A value the merchant sent (an emoji in customer_order_no) that the answer's charset cannot hold.
    const entry = GATEWAY_ERRORS.invalidParameter;
    const refusal = `${entry.message} A value cannot be written in ${wire.charset}.`;
    const sign = secret === undefined ? '' : signString('', secret, wire.charset);
    encoded = encodeMessage({ code: entry.code, message: refusal, result: '', sign }, wire, 'gateway answer');
  }
  sendMessage(response, 200, encoded);
}

/** Reads the body by its Content-Type; what cannot be read is a refusal with the supplier's code. */
function decodeRequest(bytes: Buffer, contentType: string | undefined): DecodedMessage {
  try {
    return decodeMessage(bytes, contentType, 'request body');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'JX_SANDBOX_JSON_MALFORMED') {
      throw new GatewayRefusal('malformedRequest', 'Send a JSON object with Content-Type application/json.');
    }
    if (code === 'JX_SANDBOX_CHARSET_UNKNOWN')
      throw new GatewayRefusal('invalidParameter', (error as Error).message, true);
    if (code === 'JX_SANDBOX_BODY_UNDECODABLE' || code === 'JX_SANDBOX_XML_MALFORMED') {
      throw new GatewayRefusal('malformedRequest', (error as Error).message, true);
    }
    throw error;
  }
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
 * `POST /api/gateway`. Requests may be JSON or XML in any charset their Content-Type names; the
 * answer is in the sandbox's wire format ({@link SandboxCore.wire}). Order of checks: body → envelope parameters → app key → signature → timestamp
 * → rate limit → transport faults → method → business parameters. Each refusal has its own code.
 */
export async function handleGateway(core: SandboxCore, request: IncomingMessage, response: ServerResponse) {
  let merchant: Merchant | undefined;
  const wire = core.wire;
  try {
    const message = decodeRequest(await readBodyBytes(request), request.headers['content-type']);
    const envelope = parseEnvelope(message);
    merchant = core.state.merchants.get(envelope.app_key);
    if (!merchant)
      throw new GatewayRefusal('unknownAppKey', `app_key ${envelope.app_key} has no account here.`);
    // Over the bytes as sent: a GBK request is signed over the GBK bytes of its string to sign.
    if (!verifyPayload(envelope, merchant.appSecret, message.charset)) {
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
    answer(response, wire, 0, 'ok', JSON.stringify(outcome.result), merchant.appSecret);
  } catch (error) {
    if (response.headersSent || request.socket.destroyed) return;
    if (error instanceof GatewayRefusal) {
      answer(response, wire, error.supplierCode, error.message, '', merchant?.appSecret);
      return;
    }
    core.backgroundErrors.push(error);
    const entry = GATEWAY_ERRORS.internalError;
    answer(response, wire, entry.code, entry.message, '', merchant?.appSecret);
  }
}
