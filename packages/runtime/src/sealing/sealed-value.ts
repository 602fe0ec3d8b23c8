import type { Json } from '../flow/json.ts';

/** Every value sealed at rest is a string starting with this, followed by the sealer's token. */
export const SEALED_PREFIX = 'jx:sealed:';

/** What the API and the editor show instead of a sealed value to a token without `runs:secrets`. */
export const SEALED_MASK = '[sealed]';

/** What a sealed value becomes once the retention purge has erased it (no key opens it any more). */
export const SEALED_ERASED = '[sealed value erased]';

/** True when `value` is a sealed string. */
export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
}

/**
 * A copy of `value` with every string replaced by `replace(string)` where the function returns a
 * different string; copy-on-write, so `value` itself comes back when nothing changes. Object keys
 * are left alone: sealing only ever replaces values.
 */
export function mapStrings<T extends Json | undefined>(value: T, replace: (text: string) => string): T {
  return walk(value, replace) as T;
}

function walk(value: unknown, replace: (text: string) => string): unknown {
  if (typeof value === 'string') return replace(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const next = walk(value[i], replace);
      if (next === value[i]) continue;
      out ??= value.slice();
      out[i] = next;
    }
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    const next = walk(object[key], replace);
    if (next === object[key]) continue;
    out ??= { ...object };
    out[key] = next;
  }
  return out ?? value;
}

/** A copy of `value` with every sealed string replaced by {@link SEALED_MASK}. Browser-safe. */
export function maskSealed<T extends Json | undefined>(value: T): T {
  return mapStrings(value, (text) => (isSealed(text) ? SEALED_MASK : text));
}

/** True when some string inside `value` is sealed. */
export function containsSealed(value: unknown): boolean {
  if (typeof value === 'string') return isSealed(value);
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value as Record<string, unknown>).some(containsSealed);
}
