import { resolveCharset } from '../wire/charset.ts';
import type { DecodedMessage } from '../wire/wire-message.ts';
import { GatewayRefusal } from './gateway-errors.ts';

/** The signed request envelope every gateway call carries. */
export interface Envelope {
  app_key: string;
  method: string;
  timestamp: string;
  version: string;
  format?: string;
  charset?: string;
  sign_type?: string;
  biz_content: string;
  sign: string;
  [other: string]: unknown;
}

const REQUIRED = ['app_key', 'method', 'timestamp', 'version', 'biz_content', 'sign'] as const;
const FIXED: Record<string, string> = { version: '2.0', sign_type: 'md5' };

/**
 * Checks a decoded request body as an {@link Envelope}: refuses non-objects, missing parameters,
 * values other than the fixed `version`/`sign_type` the platform supports, and a `format` or
 * `charset` that is not the one the body came in (a GBK XML body says `xml` and `gbk`).
 */
export function parseEnvelope(message: DecodedMessage): Envelope {
  const { value } = message;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GatewayRefusal('malformedRequest');
  }
  const envelope = value as Record<string, unknown>;
  for (const name of REQUIRED) {
    const field = envelope[name];
    if (field === undefined || field === null || field === '') {
      throw new GatewayRefusal('missingParameter', `${name} is required.`);
    }
    if (typeof field !== 'string') throw new GatewayRefusal('invalidParameter', `${name} must be a string.`);
  }
  for (const [name, expected] of Object.entries(FIXED)) {
    const field = envelope[name];
    if (field !== undefined && (typeof field !== 'string' || field.toLowerCase() !== expected)) {
      throw new GatewayRefusal('invalidParameter', `${name} must be "${expected}".`);
    }
  }
  const { format, charset } = envelope;
  if (format !== undefined && (typeof format !== 'string' || format.toLowerCase() !== message.format)) {
    throw new GatewayRefusal(
      'invalidParameter',
      `format must be "${message.format}", the format of the body.`,
    );
  }
  if (charset !== undefined && (typeof charset !== 'string' || resolveCharset(charset) !== message.charset)) {
    throw new GatewayRefusal(
      'invalidParameter',
      `charset must be "${message.charset}", the charset of the body's Content-Type.`,
    );
  }
  return envelope as Envelope;
}

/** Decodes `biz_content`, which is itself a JSON object serialised into a string. */
export function parseBizContent(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GatewayRefusal('invalidParameter', 'biz_content must be a JSON object serialised as a string.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GatewayRefusal('invalidParameter', 'biz_content must be a JSON object serialised as a string.');
  }
  return value as Record<string, unknown>;
}
