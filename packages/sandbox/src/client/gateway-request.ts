import { JunctionError } from '@junction/runtime';
import { signPayload, signString } from '../crypto/sign.ts';
import { formatTimestamp } from '../crypto/timestamp.ts';
import type { GatewayResponse } from '../gateway/gateway-handler.ts';
import {
  DEFAULT_WIRE_FORMAT,
  type SandboxCharset,
  type SandboxFormat,
  type WireFormat,
} from '../wire/wire-format.ts';
import { decodeMessage, encodeMessage } from '../wire/wire-message.ts';

/** Merchant credentials for signing gateway requests. */
export interface GatewayCredentials {
  appKey: string;
  appSecret: string;
}

/** A signed gateway request body, ready to be sent as JSON (or, with `format: 'xml'`, as XML). */
export interface GatewayRequest {
  app_key: string;
  method: string;
  timestamp: string;
  version: '2.0';
  format: SandboxFormat;
  charset: SandboxCharset;
  sign_type: 'md5';
  biz_content: string;
  sign: string;
}

/**
 * Builds and signs a gateway request the way a merchant would: in UTF-8 JSON unless `wire` says
 * otherwise (then `format` and `charset` name it and the signature is over the bytes in that
 * charset). Used by the sandbox's own tests and benchmarks, and handy for other packages' tests; it
 * is not a production client.
 */
export function buildGatewayRequest(
  credentials: GatewayCredentials,
  method: string,
  biz: Record<string, unknown> = {},
  now: Date = new Date(),
  wire: WireFormat = DEFAULT_WIRE_FORMAT,
): GatewayRequest {
  const unsigned = {
    app_key: credentials.appKey,
    method,
    timestamp: formatTimestamp(now),
    version: '2.0' as const,
    format: wire.format,
    charset: wire.charset,
    sign_type: 'md5' as const,
    biz_content: JSON.stringify(biz),
  };
  return { ...unsigned, sign: signPayload(unsigned, credentials.appSecret, wire.charset) };
}

/** Whether a gateway response's `sign` matches its `result` string under `secret` (bytes in `charset`). */
export function verifyGatewayResponse(response: GatewayResponse, secret: string, charset = 'utf-8'): boolean {
  return response.sign === signString(response.result, secret, charset);
}

/** Options of {@link callGateway}. */
export interface CallGatewayOptions {
  /** Charset and format to send the request in; default UTF-8 JSON. The answer is read by its Content-Type. */
  wire?: WireFormat;
}

/**
 * Sends one signed request and returns the response with `result` decoded (`undefined` when empty)
 * and the charset and format the answer came in. Throws `JX_SANDBOX_RESPONSE_SIGNATURE` when the
 * response is not signed by the same secret.
 */
export async function callGateway<T = unknown>(
  gatewayUrl: string,
  credentials: GatewayCredentials,
  method: string,
  biz: Record<string, unknown> = {},
  options: CallGatewayOptions = {},
): Promise<{
  code: number;
  message: string;
  result: T | undefined;
  raw: GatewayResponse;
  answeredIn: { format: SandboxFormat; charset: string };
}> {
  const wire = options.wire ?? DEFAULT_WIRE_FORMAT;
  const request = encodeMessage(
    { ...buildGatewayRequest(credentials, method, biz, new Date(), wire) },
    wire,
    'request',
  );
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': request.contentType },
    body: new Uint8Array(request.bytes),
  });
  const decoded = decodeMessage(
    new Uint8Array(await response.arrayBuffer()),
    response.headers.get('content-type') ?? undefined,
    `${method} answer`,
  );
  const fields = decoded.value as Record<string, unknown>;
  // XML carries every value as text: the code is a number again here.
  const raw: GatewayResponse = {
    code: Number(fields.code),
    message: String(fields.message),
    result: String(fields.result),
    sign: String(fields.sign),
  };
  if (raw.sign !== '' && !verifyGatewayResponse(raw, credentials.appSecret, decoded.charset)) {
    throw new JunctionError(
      'JX_SANDBOX_RESPONSE_SIGNATURE',
      `The ${method} response signature does not match the app secret.`,
    );
  }
  return {
    code: raw.code,
    message: raw.message,
    result: raw.result === '' ? undefined : (JSON.parse(raw.result) as T),
    raw,
    answeredIn: { format: decoded.format, charset: decoded.charset },
  };
}
