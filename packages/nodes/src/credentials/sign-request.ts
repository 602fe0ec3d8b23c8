import { type Json, JunctionError, type ResolvedCredential } from '@junction/runtime';
import { credentialRecipe } from '../signing/credential-recipe.ts';
import { encryptBody } from '../signing/encrypt-body.ts';
import { generatedValues, signView, writePlace } from '../signing/recipe-engine.ts';
import type { MessageView } from '../signing/render-canonical.ts';
import { encodeText } from '../wire-format/charset.ts';
import { assertHostAllowed } from './allowed-hosts.ts';
import { optionalField, requireField } from './credential-fields.ts';
import { digest } from './digest.ts';
import type { OutgoingRequest, WireRequest } from './request-shape.ts';
import { toWireRequest } from './request-shape.ts';
import { formatTimestamp } from './timestamp-format.ts';

/** Clock and nonce source, injectable for known-answer tests. */
export interface SignOptions {
  now?: () => number;
  nonce?: () => string;
}

/**
 * Applies a credential to a request and serialises it: bearer/basic add `Authorization`, `hmac-header`
 * adds an HMAC-SHA256 header over the body, `signature` and `card-platform` sign parameters per their spec.
 * Fails with `JX_CREDENTIAL_HOST_FORBIDDEN` before anything secret is touched when the host is not allowed.
 */
export async function signRequest(
  credential: ResolvedCredential | undefined,
  request: OutgoingRequest,
  options: SignOptions = {},
): Promise<WireRequest> {
  if (!credential) return toWireRequest(request);
  assertHostAllowed(credential, request.url);
  const now = options.now?.() ?? Date.now();
  switch (credential.kind) {
    case 'bearer':
      return withHeader(request, 'authorization', `Bearer ${requireField(credential, 'token')}`);
    case 'basic': {
      const user = requireField(credential, 'username');
      const password = optionalField(credential, 'password', '');
      const token = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
      return withHeader(request, 'authorization', `Basic ${token}`);
    }
    case 'hmac-header':
      return signHmacHeader(credential, request, now);
    case 'signature':
    case 'card-platform':
      return signParams(credential, request, now, options.nonce);
    default:
      throw new JunctionError(
        'JX_CREDENTIAL_KIND_UNSUPPORTED',
        `Credential ${credential.id} is of kind ${credential.kind}, which cannot sign HTTP requests.`,
        { credentialId: credential.id, kind: credential.kind },
      );
  }
}

function withHeader(request: OutgoingRequest, name: string, value: string): WireRequest {
  const wire = toWireRequest(request);
  wire.headers[name] = value;
  return wire;
}

/**
 * `hmac-header`: `<prefix><hmac-sha256(secret, [timestamp + "."] + body)>` in one header, over the
 * bytes sent (the request charset's).
 */
function signHmacHeader(credential: ResolvedCredential, request: OutgoingRequest, now: number): WireRequest {
  const secret = requireField(credential, 'secret');
  const wire = toWireRequest(request);
  const timestampHeader = optionalField(credential, 'timestampHeader', '').toLowerCase();
  const timestamp = timestampHeader ? formatTimestamp(now, 'unix-seconds') : '';
  if (timestampHeader) wire.headers[timestampHeader] = timestamp;
  const text = hmacCanonical(timestamp, wire.body ?? '');
  // The bytes sent: a body written in GBK (the request charset) is hashed as GBK, not as UTF-8.
  const canonical = wire.charset ? encodeText(text, wire.charset, { what: 'the request body' }) : text;
  const encoding = optionalField<string>(credential, 'encoding', 'hex') === 'base64' ? 'base64' : 'hex-lower';
  const header = optionalField(credential, 'headerName', 'X-Signature').toLowerCase();
  wire.headers[header] =
    optionalField(credential, 'prefix', '') + digest('hmac-sha256', canonical, secret, encoding);
  return wire;
}

/** The string an `hmac-header` credential signs. */
export function hmacCanonical(timestamp: string, body: string): string {
  return timestamp ? `${timestamp}.${body}` : body;
}

async function signParams(
  credential: ResolvedCredential,
  request: OutgoingRequest,
  now: number,
  nonce: (() => string) | undefined,
): Promise<WireRequest> {
  return (await signByRecipe(credential, request, now, nonce)).wire;
}

/** A request signed by a credential's recipe, with the canonical string and signature it used. */
export interface RecipeSignedRequest {
  wire: WireRequest;
  canonical: string;
  signature: string;
}

/**
 * Signs a request with a `signature` or `card-platform` credential's recipe: adds the app key, fixed
 * values, timestamp and nonce where missing, renders and signs the canonical string, places the
 * signature. Values the request already has (a sample from a supplier's documentation) are kept.
 */
export async function signByRecipe(
  credential: ResolvedCredential,
  request: OutgoingRequest,
  now: number,
  nonce?: () => string,
): Promise<RecipeSignedRequest> {
  const url = new URL(toWireRequest({ method: request.method, url: request.url }).url);
  let body = request.body;
  const rawBody = body?.type === 'raw';
  const { recipe, secrets } = credentialRecipe(credential, rawBody);
  // Parameters signed from the body need a body to sign and to carry them.
  if (!body && recipe.parts.some((part) => part.type === 'params' && part.from === 'body')) {
    body = { type: 'json', value: {} };
  }
  let fields: Record<string, Json> | undefined;
  if (body && body.type !== 'raw') {
    const value = body.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new JunctionError('JX_INPUT_INVALID', 'body must be an object to be signed field by field.', {
        field: 'body',
      });
    }
    fields = { ...value };
    if (recipe.encrypt) {
      const plain: MessageView = {
        method: request.method,
        path: url.pathname,
        query: {},
        headers: {},
        body: fields,
        rawBody: '',
      };
      fields = encryptBody(recipe, fields, plain, secrets);
    }
    body = { ...body, value: fields };
  }
  const target = {
    query: { ...Object.fromEntries(url.searchParams), ...(request.query ?? {}) },
    headers: Object.fromEntries(
      Object.entries(request.headers ?? {}).map(([key, value]) => [key.toLowerCase(), String(value)]),
    ),
    body: fields,
  };
  const view = (): MessageView => ({
    method: request.method,
    path: url.pathname,
    query: target.query,
    headers: target.headers,
    body: target.body,
    rawBody:
      toWireRequest({ method: request.method, url: request.url, ...(body ? { body } : {}) }).body ?? '',
  });
  for (const [place, value] of generatedValues(recipe, view(), secrets, {
    now,
    ...(nonce ? { nonce } : {}),
  })) {
    writePlace(target, place, value);
  }
  const { canonical, signature } = await signView(recipe, view(), secrets);
  for (const place of recipe.signature) writePlace(target, place, signature);
  const wire = toWireRequest({
    ...request,
    query: target.query,
    headers: target.headers,
    ...(body ? { body } : {}),
  });
  return { wire, canonical, signature };
}
