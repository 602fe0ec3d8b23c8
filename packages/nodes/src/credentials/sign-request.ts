import { randomBytes } from 'node:crypto';
import { type Json, JunctionError, type ResolvedCredential } from '@junction/runtime';
import { assertHostAllowed } from './allowed-hosts.ts';
import { optionalField, requireField } from './credential-fields.ts';
import { digest } from './digest.ts';
import type { OutgoingRequest, WireRequest } from './request-shape.ts';
import { toWireRequest } from './request-shape.ts';
import { computeSignature } from './signature-engine.ts';
import { type SignatureSpec, signatureSpecOf } from './signature-spec.ts';
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
export function signRequest(
  credential: ResolvedCredential | undefined,
  request: OutgoingRequest,
  options: SignOptions = {},
): WireRequest {
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
      return signParams(credential, request, now, options.nonce ?? (() => randomBytes(16).toString('hex')));
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

/** `hmac-header`: `<prefix><hmac-sha256(secret, [timestamp + "."] + body)>` in one header. */
function signHmacHeader(credential: ResolvedCredential, request: OutgoingRequest, now: number): WireRequest {
  const secret = requireField(credential, 'secret');
  const wire = toWireRequest(request);
  const timestampHeader = optionalField(credential, 'timestampHeader', '').toLowerCase();
  const timestamp = timestampHeader ? formatTimestamp(now, 'unix-seconds') : '';
  if (timestampHeader) wire.headers[timestampHeader] = timestamp;
  const canonical = hmacCanonical(timestamp, wire.body ?? '');
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

function signParams(
  credential: ResolvedCredential,
  request: OutgoingRequest,
  now: number,
  nonce: () => string,
): WireRequest {
  const { spec, secret } = signatureSpecOf(credential);
  const query: Record<string, string> = { ...(request.query ?? {}) };
  const headers: Record<string, string> = {};
  let body = request.body ?? (spec.paramsFrom === 'body' ? { type: 'json' as const, value: {} } : undefined);
  let params: Record<string, Json> | string;
  if (spec.paramsFrom === 'query') {
    params = query;
  } else if (body?.type === 'raw') {
    params = body.value;
  } else {
    const value = body?.value ?? {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new JunctionError('JX_INPUT_INVALID', 'body must be an object to be signed field by field.', {
        field: 'body',
      });
    }
    params = { ...value };
    body = { type: body?.type === 'form' ? 'form' : 'json', value: params };
  }
  if (typeof params === 'string' && spec.placement === 'body') {
    throw new JunctionError(
      'JX_CREDENTIAL_INVALID',
      `Credential ${credential.id} puts the signature into a body field, but the body is raw text; use a JSON or form body, or header/query placement.`,
      { credentialId: credential.id, field: 'placement' },
    );
  }
  // Generated fields are signed with the parameters; a raw body cannot hold them, so they travel beside the signature.
  const generated = generatedFields(spec, credential, now, nonce);
  let timestamp: string | undefined;
  if (typeof params === 'string') {
    Object.assign(spec.placement === 'header' ? headers : query, generated);
    timestamp = spec.timestampField ? generated[spec.timestampField] : undefined;
  } else {
    for (const [key, value] of Object.entries(generated)) if (params[key] === undefined) params[key] = value;
  }
  const { signature } = computeSignature(spec, secret, params, timestamp);
  if (spec.placement === 'header') headers[spec.signatureField] = signature;
  else if (spec.placement === 'query') query[spec.signatureField] = signature;
  else if (typeof params === 'object') params[spec.signatureField] = signature;
  return toWireRequest({ ...request, query, headers: { ...request.headers, ...headers }, body });
}

/** App key, timestamp and nonce fields the spec asks for. */
function generatedFields(
  spec: SignatureSpec,
  credential: ResolvedCredential,
  now: number,
  nonce: () => string,
): Record<string, string> {
  const fields: Record<string, string> = {};
  if (spec.appKeyField) fields[spec.appKeyField] = requireField(credential, 'appKey');
  if (spec.timestampField) {
    fields[spec.timestampField] = formatTimestamp(now, spec.timestampFormat, spec.utcOffsetMinutes);
  }
  if (spec.nonceField) fields[spec.nonceField] = nonce();
  return fields;
}
