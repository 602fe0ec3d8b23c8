import type { Json } from '@junction/runtime';
import { digest } from './digest.ts';
import type { AffixPart, SignatureSpec } from './signature-spec.ts';
import { sortCharacters } from './sort-characters.ts';

/** The string that was hashed and the encoded signature, for tests and "why does my signature differ" debugging. */
export interface ComputedSignature {
  canonical: string;
  signature: string;
}

/**
 * Signs `params` (an object of parameters, or a raw body string) according to `spec`. The timestamp used by
 * a `timestamp` affix is read from `params` unless given (raw bodies carry it elsewhere).
 *
 * 1. Pick the signed parameters: drop the signature field, keep `signedFields` if listed, drop empties if asked.
 * 2. Order them (`key-asc` / as given / as listed).
 * 3. Join them (`k=v&…`, `kv…`, or the sorted characters of their compact JSON).
 * 4. Add the prepend / append parts (secret, `&key=<secret>`, timestamp).
 * 5. Hash and encode.
 */
export function computeSignature(
  spec: SignatureSpec,
  secret: string,
  params: Record<string, Json> | string,
  timestampOverride?: string,
): ComputedSignature {
  const body = typeof params === 'string' ? params : joinParams(spec, orderedParams(spec, params));
  const timestamp =
    timestampOverride ??
    (typeof params === 'string' || !spec.timestampField
      ? ''
      : formatValue(params[spec.timestampField] ?? null));
  const affix = (parts: AffixPart[], position: 'before' | 'after'): string =>
    parts.map((part) => affixText(part, position, secret, timestamp)).join('');
  const canonical = affix(spec.prepend, 'before') + body + affix(spec.append, 'after');
  return { canonical, signature: digest(spec.hash, canonical, secret, spec.encoding) };
}

function orderedParams(spec: SignatureSpec, params: Record<string, Json>): [string, Json][] {
  const listed = spec.signedFields.length > 0;
  let keys = listed
    ? spec.signedFields.filter((key) => key in params)
    : Object.keys(params).filter((key) => key !== spec.signatureField);
  if (spec.excludeEmpty) keys = keys.filter((key) => params[key] !== null && params[key] !== '');
  // Plain code-unit order: what PHP's ksort/strcmp and Java's TreeMap produce for ASCII keys.
  if (spec.sort === 'key-asc') keys = [...keys].sort();
  return keys.map((key) => [key, params[key] as Json]);
}

function joinParams(spec: SignatureSpec, entries: [string, Json][]): string {
  switch (spec.join) {
    case 'pairs':
      return entries.map(([key, value]) => `${key}=${formatValue(value)}`).join('&');
    case 'concat':
      return entries.map(([key, value]) => `${key}${formatValue(value)}`).join('');
    case 'sorted-chars': {
      // JSON.stringify leaves non-ASCII and "/" unescaped, which is what these schemes expect.
      const json = JSON.stringify(Object.fromEntries(entries));
      return sortCharacters(json);
    }
  }
}

/** Scalars as text, `null` as empty, nested values as compact JSON. */
function formatValue(value: Json): string {
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function affixText(part: AffixPart, position: 'before' | 'after', secret: string, timestamp: string): string {
  switch (part) {
    case 'secret':
      return secret;
    case 'key-secret':
      return position === 'after' ? `&key=${secret}` : `key=${secret}&`;
    case 'timestamp':
      return timestamp;
  }
}
