import { JunctionError, type ResolvedCredential } from '@junction/runtime';
import { optionalField, requireField } from './credential-fields.ts';
import type { DigestAlgorithm, DigestEncoding } from './digest.ts';
import type { TimestampFormat } from './timestamp-format.ts';

/** A piece added before or after the canonical string. */
export type AffixPart = 'secret' | 'key-secret' | 'timestamp';

/**
 * A request-signing scheme described as data: one engine ({@link computeSignature}) runs all of them,
 * and `card-platform` is one preset ({@link cardPlatformSpec}).
 */
export interface SignatureSpec {
  /** Where the signed parameters are read from (and where appKey/timestamp/nonce fields are added). */
  paramsFrom: 'body' | 'query';
  /** Parameter names to sign; empty = every parameter except the signature itself. */
  signedFields: string[];
  /** Leave out parameters whose value is null or an empty string. */
  excludeEmpty: boolean;
  /** `key-asc`: by name (code units); `none`: as given; `listed`: the order of `signedFields`. */
  sort: 'key-asc' | 'none' | 'listed';
  /** `pairs`: `k=v&k=v`; `concat`: `kvkv`; `sorted-chars`: the compact JSON's characters, sorted. */
  join: 'pairs' | 'concat' | 'sorted-chars';
  prepend: AffixPart[];
  append: AffixPart[];
  hash: DigestAlgorithm;
  encoding: DigestEncoding;
  /** Where the signature is put (and read from when verifying). */
  placement: 'body' | 'header' | 'query';
  /** Name of the body field, header or query parameter holding the signature. */
  signatureField: string;
  /** Adds the credential's app key under this name when set (and not already present). */
  appKeyField?: string;
  /** Adds a timestamp under this name when set (and not already present). */
  timestampField?: string;
  timestampFormat: TimestampFormat;
  /** Minutes east of UTC for the `datetime` format (480 = UTC+8). */
  utcOffsetMinutes: number;
  /** Adds a random nonce under this name when set. */
  nonceField?: string;
  /** Verification refuses timestamps further than this from now; 0 disables the check. */
  toleranceSeconds: number;
  /** Verification refuses a message without the timestamp field. */
  requireTimestamp: boolean;
}

/** The parts of a spec a credential may leave out. */
export const SIGNATURE_DEFAULTS: SignatureSpec = {
  paramsFrom: 'body',
  signedFields: [],
  excludeEmpty: false,
  sort: 'key-asc',
  join: 'pairs',
  prepend: [],
  append: ['secret'],
  hash: 'md5',
  encoding: 'hex-lower',
  placement: 'body',
  signatureField: 'sign',
  timestampFormat: 'unix-seconds',
  utcOffsetMinutes: 0,
  toleranceSeconds: 300,
  requireTimestamp: true,
};

/**
 * The card-platform scheme: compact JSON without `sign`, characters sorted, secret appended, MD5 lowercase hex,
 * the signature in the body's `sign` field. Timestamps are `yyyy-MM-dd HH:mm:ss` in UTC+8 within ±5 minutes;
 * callbacks carry no timestamp, so verification does not require one.
 */
export function cardPlatformSpec(): SignatureSpec {
  return {
    ...SIGNATURE_DEFAULTS,
    join: 'sorted-chars',
    sort: 'none',
    append: ['secret'],
    hash: 'md5',
    encoding: 'hex-lower',
    placement: 'body',
    signatureField: 'sign',
    appKeyField: 'app_key',
    timestampField: 'timestamp',
    timestampFormat: 'datetime',
    utcOffsetMinutes: 480,
    toleranceSeconds: 300,
    requireTimestamp: false,
  };
}

const ENUMS: Partial<Record<keyof SignatureSpec, readonly string[]>> = {
  paramsFrom: ['body', 'query'],
  sort: ['key-asc', 'none', 'listed'],
  join: ['pairs', 'concat', 'sorted-chars'],
  hash: ['md5', 'sha1', 'sha256', 'hmac-sha1', 'hmac-sha256'],
  encoding: ['hex-lower', 'hex-upper', 'base64'],
  placement: ['body', 'header', 'query'],
  timestampFormat: ['unix-seconds', 'unix-ms', 'datetime', 'iso'],
};

/** The signing spec and secret of a `signature` or `card-platform` credential. */
export function signatureSpecOf(credential: ResolvedCredential): { spec: SignatureSpec; secret: string } {
  if (credential.kind === 'card-platform') {
    return { spec: cardPlatformSpec(), secret: requireField(credential, 'appSecret') };
  }
  const spec: SignatureSpec = { ...SIGNATURE_DEFAULTS };
  const target = spec as unknown as Record<string, unknown>;
  for (const key of Object.keys(SIGNATURE_DEFAULTS) as (keyof SignatureSpec)[]) {
    const value = optionalField(credential, key, null);
    if (value !== null) target[key] = value;
  }
  for (const key of ['appKeyField', 'timestampField', 'nonceField'] as const) {
    const value = optionalField(credential, key, '');
    if (typeof value === 'string' && value !== '') spec[key] = value;
  }
  for (const [key, allowed] of Object.entries(ENUMS)) {
    if (!allowed.includes(target[key] as string)) invalid(credential, key, `one of ${allowed.join(', ')}`);
  }
  for (const key of ['prepend', 'append'] as const) {
    const parts = spec[key];
    if (!Array.isArray(parts) || parts.some((p) => !['secret', 'key-secret', 'timestamp'].includes(p))) {
      invalid(credential, key, 'a list of secret, key-secret, timestamp');
    }
  }
  if (!Array.isArray(spec.signedFields) || spec.signedFields.some((f) => typeof f !== 'string')) {
    invalid(credential, 'signedFields', 'a list of field names');
  }
  if (spec.appKeyField) requireField(credential, 'appKey');
  return { spec, secret: requireField(credential, 'secret') };
}

function invalid(credential: ResolvedCredential, field: string, expected: string): never {
  throw new JunctionError(
    'JX_CREDENTIAL_INVALID',
    `Credential ${credential.id}: "${field}" must be ${expected}.`,
    { credentialId: credential.id, kind: credential.kind, field },
  );
}
