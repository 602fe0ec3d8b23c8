import { type Json, JunctionError } from '@junction/runtime';
import { checkCipherChoice } from './check-cipher.ts';
import { cipherPreset } from './cipher-presets.ts';
import { type CipherSuite, cipherSuite } from './cipher-suite.ts';
import type { CipherChoice, PayloadCipher } from './cipher-types.ts';
import { deriveKey, textBytes } from './derive-key.ts';
import { type KeyedCipher, keyCipherWith } from './keyed-cipher.ts';

export type { KeyedCipher } from './keyed-cipher.ts';

/** The credential field a recipe's `iv: {from: 'credential'}` reads when it names none. */
export const CREDENTIAL_IV_FIELD = 'iv';

/** A checked recipe, ready to be keyed. Compiling checks it once; running never re-reads it. */
export interface CompiledCipher {
  readonly recipe: Readonly<PayloadCipher>;
  readonly suite: CipherSuite;
}

/** Compiles a preset id or a recipe; `JX_CIPHER_INVALID` with the problems' pointers when it cannot work. */
export function compileCipher(choice: CipherChoice): CompiledCipher {
  const problems = checkCipherChoice(choice);
  if (problems.length > 0) {
    throw new JunctionError(
      'JX_CIPHER_INVALID',
      `The payload cipher cannot work: ${problems.map((p) => `${p.pointer || '/'} ${p.message}`).join('; ')}.`,
      { problems, retryable: false },
    );
  }
  const recipe = typeof choice === 'string' ? (cipherPreset(choice)?.recipe as PayloadCipher) : choice;
  return { recipe, suite: cipherSuite(recipe) as CipherSuite };
}

/**
 * Keys a compiled cipher with a credential's data: the key derived from its secret field (default
 * `appSecret`, else `secret`), a credential IV read from its field (default `iv`). `JX_CREDENTIAL_INVALID` naming
 * the field when it is missing; `JX_CIPHER_SIZE` when the key or IV it gives has the wrong size.
 */
export function keyCipher(compiled: CompiledCipher, data: Record<string, Json>): KeyedCipher {
  const { recipe } = compiled;
  const field = recipe.key?.field ?? (typeof data.appSecret === 'string' ? 'appSecret' : 'secret');
  const key = deriveKey(recipe.key, credentialText(data, field));
  const iv =
    recipe.iv?.from === 'credential'
      ? textBytes(credentialText(data, recipe.iv.field ?? CREDENTIAL_IV_FIELD), recipe.iv.read)
      : undefined;
  return keyCipherWith(compiled, key, iv);
}

function credentialText(data: Record<string, Json>, field: string): string {
  const value = data[field];
  if (typeof value === 'string' && value !== '') return value;
  throw new JunctionError(
    'JX_CREDENTIAL_INVALID',
    `The credential has no "${field}", which the payload cipher reads; fill it in.`,
    { field, retryable: false },
  );
}

const compiledCache = new Map<string, CompiledCipher>();
const CACHE_LIMIT = 256;

/**
 * {@link compileCipher} remembered by the choice's JSON, so a node running a recipe for every item
 * compiles it once (bounded: the oldest entry goes first).
 */
export function cachedCipher(choice: CipherChoice): CompiledCipher {
  const id = typeof choice === 'string' ? choice : JSON.stringify(choice);
  let compiled = compiledCache.get(id);
  if (!compiled) {
    compiled = compileCipher(choice);
    if (compiledCache.size >= CACHE_LIMIT) compiledCache.delete(compiledCache.keys().next().value as string);
    compiledCache.set(id, compiled);
  }
  return compiled;
}
