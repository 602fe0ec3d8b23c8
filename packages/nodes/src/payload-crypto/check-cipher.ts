import { Ajv, type ErrorObject } from 'ajv';
import { cipherPreset } from './cipher-presets.ts';
import { PAYLOAD_CIPHER_SCHEMA } from './cipher-schema.ts';
import { cipherSuite, modesOf } from './cipher-suite.ts';
import type { CipherProblem, PayloadCipher } from './cipher-types.ts';
import { derivedKeyBytes } from './derive-key.ts';

const validate = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(PAYLOAD_CIPHER_SCHEMA);

/** Ajv's errors as problems: a labelled choice's per-option errors become one "must be one of". */
function schemaProblems(errors: readonly ErrorObject[]): CipherProblem[] {
  const seen = new Set<string>();
  return errors.flatMap((error) => {
    if (error.keyword === 'const') return [];
    const options =
      error.keyword === 'oneOf' && Array.isArray(error.schema) ? (error.schema as { const?: unknown }[]) : [];
    const consts =
      options.length > 0 && options.every((o) => typeof o === 'object' && o !== null && 'const' in o);
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    const named = params.missingProperty ?? params.additionalProperty;
    const missing = named === undefined ? '' : `/${named}`;
    const pointer = `${error.instancePath}${missing}`;
    const message = consts
      ? `must be one of ${options.map((o) => String(o.const)).join(', ')}`
      : params.additionalProperty !== undefined
        ? 'is not a part of a payload cipher'
        : (error.message ?? 'is invalid');
    const key = `${pointer} ${message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ pointer, message }];
  });
}

/**
 * What keeps a payload cipher recipe from working, each at a JSON pointer into it: parts that do
 * not fit the schema (an unknown encoding), a mode the algorithm lacks, GCM without a tag or a tag
 * without GCM, an IV missing or given where ECB has none, padding with a stream mode, a key whose
 * length is known before the secret is and is wrong for the algorithm. Empty when it can run.
 */
export function checkPayloadCipher(recipe: unknown): CipherProblem[] {
  if (!validate(recipe)) return schemaProblems(validate.errors ?? []);
  return semanticProblems(recipe as PayloadCipher);
}

/** {@link checkPayloadCipher} for a config's choice: a preset id or a recipe, pointers under `base`. */
export function checkCipherChoice(choice: unknown, base = ''): CipherProblem[] {
  if (typeof choice === 'string') {
    return cipherPreset(choice)
      ? []
      : [{ pointer: base, message: `is not a payload cipher preset (${choice})` }];
  }
  return checkPayloadCipher(choice).map((p) => ({ pointer: base + p.pointer, message: p.message }));
}

function semanticProblems(recipe: PayloadCipher): CipherProblem[] {
  const suite = cipherSuite(recipe);
  if (!suite) {
    const modes = modesOf(recipe.algorithm).join(', ');
    return [
      { pointer: '/mode', message: `${recipe.mode} is not available for ${recipe.algorithm} (use ${modes})` },
    ];
  }
  const problems: CipherProblem[] = [];
  const add = (pointer: string, message: string) => problems.push({ pointer, message });
  const stream = recipe.mode === 'ctr' || recipe.mode === 'gcm';
  if (stream && recipe.padding !== undefined && recipe.padding !== 'none') {
    add('/padding', `must be none for ${recipe.mode.toUpperCase()} (a stream mode is not padded)`);
  }
  if (recipe.mode === 'gcm' && !recipe.tag) add('/tag', 'is needed for GCM: its length and position');
  if (recipe.mode !== 'gcm' && recipe.tag) add('/tag', `is only for GCM, not ${recipe.mode.toUpperCase()}`);
  if (recipe.mode === 'ecb' && recipe.iv) add('/iv', 'must not be set: ECB has no IV');
  if (recipe.mode !== 'ecb' && !recipe.iv) {
    add(
      '/iv',
      `is needed for ${recipe.mode.toUpperCase()} (${suite.ivBytes} bytes): credential, key, prepended or payload`,
    );
  }
  const iv = recipe.iv as { from: string; field?: string; pointer?: string } | undefined;
  if (iv?.from === 'payload' && !iv.pointer)
    add('/iv/pointer', 'is needed: the JSON pointer of the IV in the payload');
  if (iv && iv.from !== 'credential' && iv.field !== undefined)
    add('/iv/field', 'is only for an IV from a credential field');
  if (iv && iv.from !== 'payload' && iv.pointer !== undefined)
    add('/iv/pointer', 'is only for an IV from the payload');
  const keyBytes = derivedKeyBytes(recipe.key);
  if (keyBytes !== undefined && keyBytes !== suite.keyBytes) {
    add('/key', `gives a ${keyBytes}-byte key; ${recipe.algorithm} needs ${suite.keyBytes} bytes`);
  }
  if (recipe.iv?.from === 'key' && keyBytes !== undefined && keyBytes < suite.ivBytes) {
    add('/iv', `is the key's first ${suite.ivBytes} bytes, but the key has ${keyBytes}`);
  }
  return problems;
}
