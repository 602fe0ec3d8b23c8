import type { Json } from '../flow/json.ts';
import { isSealed, mapStrings, SEALED_PREFIX } from './sealed-value.ts';

/**
 * Seals and opens values at rest (the engine's `sealer` option). The host supplies it — the server
 * with its credential vault's master key (AES-256-GCM) — so the runtime carries no key and no crypto
 * of its own. Both functions are synchronous: they run on the journal's hot path.
 */
export interface ValueSealer {
  /** An opaque, printable token for `plain` (no `jx:sealed:` prefix: the engine adds it). */
  seal(plain: string): string;
  /** The plain value of a token `seal` made; throws a coded error when it cannot be opened. */
  open(token: string): string;
}

/** Seals one string: `jx:sealed:<token>`. */
export function sealString(sealer: ValueSealer, plain: string): string {
  return SEALED_PREFIX + sealer.seal(plain);
}

/**
 * Opens one sealed string; any other string (an erased value, `[sealed value erased]`, included)
 * comes back as is.
 */
export function openString(sealer: ValueSealer, text: string): string {
  return isSealed(text) ? sealer.open(text.slice(SEALED_PREFIX.length)) : text;
}

/** A copy of `value` with every sealed string opened (see {@link openString}). */
export function openSealed<T extends Json | undefined>(sealer: ValueSealer, value: T): T {
  return mapStrings(value, (text) => openString(sealer, text));
}
