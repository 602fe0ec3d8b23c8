import type { Json, ResolvedCredential } from '@junction/runtime';
import { credentialRecipe } from '../signing/credential-recipe.ts';
import { checkTimestampWindow, type RecipeVerdict, verifyView } from '../signing/recipe-engine.ts';
import { readInBodyCharset } from '../wire-format/body-charset.ts';
import { charsetOf, decodeText } from '../wire-format/charset.ts';
import { credentialCharset } from './credential-charset.ts';
import { optionalField, requireField } from './credential-fields.ts';
import { digest, safeEqual } from './digest.ts';
import { hmacCanonical } from './sign-request.ts';
import { parseTimestamp } from './timestamp-format.ts';

/** An incoming webhook or callback as the server received it. */
export interface IncomingMessage {
  /** Header names in any case. */
  headers?: Record<string, string | string[] | undefined>;
  query?: Record<string, string>;
  /** The parsed body (JSON or form fields). */
  body?: Json;
  /**
   * The body exactly as received — its bytes (what the server keeps), or text; needed by `hmac-header`
   * and raw-body signature schemes, which hash the bytes as they arrived (a GBK body stays GBK).
   */
  rawBody?: string | Buffer;
  /** The request method (default POST) and URL path (default `/`), for recipes that sign them. */
  method?: string;
  path?: string;
}

/**
 * Outcome of {@link verifyIncoming}. `reason` is safe to log and return: it never holds a secret.
 * `nonce`: the message's nonce, for the caller to claim until `expiresAt` (a second claim is a replay).
 */
export type VerifyResult = RecipeVerdict;

/**
 * Checks an incoming message against a credential of kind `signature`, `card-platform`, `hmac-header`,
 * `bearer` or `basic`, with constant-time comparison and a timestamp window where the scheme has one.
 */
export async function verifyIncoming(
  credential: ResolvedCredential,
  message: IncomingMessage,
  options: { now?: () => number } = {},
): Promise<VerifyResult> {
  const now = options.now?.() ?? Date.now();
  const header = (name: string): string | undefined => headerValue(message.headers, name);
  switch (credential.kind) {
    case 'bearer':
      return compare(header('authorization') ?? '', `Bearer ${requireField(credential, 'token')}`);
    case 'basic': {
      const pair = `${requireField(credential, 'username')}:${optionalField(credential, 'password', '')}`;
      return compare(header('authorization') ?? '', `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`);
    }
    case 'hmac-header':
      return verifyHmacHeader(credential, message, now);
    case 'signature':
    case 'card-platform':
      return verifySignature(credential, message, now);
    default:
      return fail(
        'JX_CREDENTIAL_KIND_UNSUPPORTED',
        `Credential kind ${credential.kind} cannot verify messages.`,
      );
  }
}

function verifyHmacHeader(
  credential: ResolvedCredential,
  message: IncomingMessage,
  now: number,
): VerifyResult {
  const secret = requireField(credential, 'secret');
  const headerName = optionalField(credential, 'headerName', 'X-Signature');
  const received = headerValue(message.headers, headerName);
  if (!received) return fail('JX_SIGNATURE_MISSING', `The ${headerName} header is missing.`);
  const prefix = optionalField(credential, 'prefix', '');
  const timestampHeader = optionalField(credential, 'timestampHeader', '');
  let timestamp = '';
  if (timestampHeader) {
    timestamp = headerValue(message.headers, timestampHeader) ?? '';
    const tolerance = optionalField(credential, 'toleranceSeconds', 300);
    const checked = checkTimestampWindow(
      timestamp,
      parseTimestamp(timestamp, 'unix-seconds'),
      now,
      tolerance,
      true,
    );
    if (checked) return checked;
  }
  const raw = message.rawBody ?? (message.body === undefined ? '' : JSON.stringify(message.body));
  const signed =
    typeof raw === 'string'
      ? hmacCanonical(timestamp, raw)
      : Buffer.concat([Buffer.from(hmacCanonical(timestamp, ''), 'utf8'), raw]);
  const encoding = optionalField<string>(credential, 'encoding', 'hex') === 'base64' ? 'base64' : 'hex-lower';
  const expected = prefix + digest('hmac-sha256', signed, secret, encoding);
  return compare(encoding === 'base64' ? received : received.toLowerCase(), expected);
}

function verifySignature(
  credential: ResolvedCredential,
  message: IncomingMessage,
  now: number,
): Promise<VerifyResult> {
  const body = isObject(message.body) ? message.body : undefined;
  const { recipe, secrets } = credentialRecipe(credential, body === undefined);
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[key] = first;
  }
  return verifyView(
    recipe,
    {
      method: message.method ?? 'POST',
      path: message.path ?? '/',
      query: message.query ?? {},
      headers,
      body,
      ...rawBodyOf(message, body, credentialCharset(credential)),
    },
    secrets,
    now,
  );
}

/**
 * The raw body as text — decoded in the charset `readInBodyCharset` picks from the Content-Type and
 * the credential's charset, as the body parsers did — and, when received as bytes, the bytes.
 */
function rawBodyOf(
  message: IncomingMessage,
  body: Record<string, Json> | undefined,
  credential: string | undefined,
): { rawBody: string; rawBytes?: Buffer } {
  const raw = message.rawBody;
  if (raw === undefined) return { rawBody: body === undefined ? '' : JSON.stringify(body) };
  if (typeof raw === 'string') return { rawBody: raw };
  const declared = charsetOf(headerValue(message.headers, 'content-type'));
  const charsets = { ...(declared ? { declared } : {}), ...(credential ? { credential } : {}) };
  const rawBody = readInBodyCharset(charsets, (charset) =>
    decodeText(raw, charset, { what: 'the received body' }),
  );
  return { rawBody, rawBytes: raw };
}

function compare(received: string, expected: string): VerifyResult {
  return safeEqual(received, expected)
    ? { ok: true }
    : fail('JX_SIGNATURE_INVALID', 'The signature does not match.');
}

function fail(code: string, reason: string): VerifyResult {
  return { ok: false, code, reason };
}

function isObject(value: Json | undefined): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headerValue(headers: IncomingMessage['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
