import type { ErrorInfo } from '../errors/junction-error.ts';
import type { Json } from '../flow/json.ts';
import type { ResolvedCredential } from '../node/node-context.ts';
import type { SecretVariants } from './engine-types.ts';

/** What replaces a secret in outputs, errors and logs. */
export const REDACTED = '[redacted]';

/**
 * Below this length a secret is masked only where a whole string equals it: masking every
 * occurrence of, say, "ab" inside other text would wreck outputs without protecting anything.
 */
const MIN_SUBSTRING_LENGTH = 4;

/** Masks the secrets of one node attempt's credentials. */
export interface SecretMasker {
  /** A copy of `value` with every secret replaced by `[redacted]`; `value` itself when none occurs. */
  json<T extends Json | undefined>(value: T): T;
  text(value: string): string;
  error(error: ErrorInfo): ErrorInfo;
}

/** Without `secretVariants`, every string field of the credential counts as secret: over-masks, never leaks. */
function allStrings(credential: ResolvedCredential): string[] {
  return Object.values(credential.data).filter((value): value is string => typeof value === 'string');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds the masker of a node attempt, or undefined when its credentials hold no secret (no cost).
 *
 * 1. Collect each credential's secret strings and their URL-encoded forms.
 * 2. Longer strings first in one alternation, so `Bearer abc…` is masked whole, not around `abc…`.
 * 3. Walk values copy-on-write: only the containers on the way to a masked string are copied.
 *    Object keys are masked too (a secret echoed back as a header name is still a secret).
 */
export function createSecretMasker(
  credentials: Record<string, ResolvedCredential>,
  variants: SecretVariants | undefined,
): SecretMasker | undefined {
  const long = new Set<string>();
  const short = new Set<string>();
  for (const credential of Object.values(credentials)) {
    for (const secret of (variants ?? allStrings)(credential)) {
      if (typeof secret !== 'string' || secret === '') continue;
      for (const form of [secret, encodeURIComponent(secret)]) {
        (form.length >= MIN_SUBSTRING_LENGTH ? long : short).add(form);
      }
    }
  }
  if (long.size === 0 && short.size === 0) return undefined;
  const pattern =
    long.size === 0
      ? undefined
      : new RegExp(
          [...long]
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|'),
          'g',
        );
  const text = (value: string): string => {
    if (short.has(value)) return REDACTED;
    if (!pattern) return value;
    pattern.lastIndex = 0;
    return pattern.test(value) ? value.replace(pattern, REDACTED) : value;
  };
  const json = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const masked = json(value[i]);
        if (masked === value[i]) continue;
        out ??= value.slice();
        out[i] = masked;
      }
      return out ?? value;
    }
    let out: Record<string, unknown> | undefined;
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const maskedKey = text(key);
      const masked = json(object[key]);
      if (masked === object[key] && maskedKey === key) continue;
      out ??= { ...object };
      if (maskedKey !== key) delete out[key];
      out[maskedKey] = masked;
    }
    return out ?? value;
  };
  return {
    json: <T extends Json | undefined>(value: T) => json(value) as T,
    text,
    error(error) {
      const masked: ErrorInfo = { code: error.code, message: text(error.message) };
      if (error.details !== undefined) masked.details = json(error.details) as Record<string, unknown>;
      return masked;
    },
  };
}
