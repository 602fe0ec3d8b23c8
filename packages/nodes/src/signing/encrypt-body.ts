import { type Json, JunctionError } from '@junction/runtime';
import { compileCipher } from '../payload-crypto/compile-cipher.ts';
import { keyCipherWith } from '../payload-crypto/keyed-cipher.ts';
import { encodeBytes } from './crypto-core.ts';
import type { RecipeEncryption, RecipeSecrets, SigningRecipe } from './recipe-types.ts';
import { type MessageView, renderTemplate } from './render-canonical.ts';

// The body is enciphered by the payload cipher core (payload-crypto), as a recipe per algorithm
// with PKCS#7 padding and, for CBC, the IV the signing recipe renders.
const CIPHERS = {
  'aes-128-ecb': compileCipher({ algorithm: 'aes-128', mode: 'ecb', padding: 'pkcs7' }),
  'aes-256-ecb': compileCipher({ algorithm: 'aes-256', mode: 'ecb', padding: 'pkcs7' }),
  'aes-128-cbc': compileCipher({
    algorithm: 'aes-128',
    mode: 'cbc',
    padding: 'pkcs7',
    iv: { from: 'credential', field: 'iv' },
  }),
  'aes-256-cbc': compileCipher({
    algorithm: 'aes-256',
    mode: 'cbc',
    padding: 'pkcs7',
    iv: { from: 'credential', field: 'iv' },
  }),
} as const satisfies Record<RecipeEncryption['algorithm'], unknown>;

/**
 * The body a recipe with `encrypt` sends: the fields' compact JSON enciphered into one field,
 * beside which the app key, timestamp, nonce and signature are then placed. Unchanged without it.
 * A key or IV of the wrong size is `JX_RECIPE_INVALID` naming `encrypt.key` or `encrypt.iv`.
 */
export function encryptBody(
  recipe: SigningRecipe,
  fields: Record<string, Json>,
  view: MessageView,
  secrets: RecipeSecrets,
): Record<string, Json> {
  const { encrypt } = recipe;
  if (!encrypt) return fields;
  const bytes = (template: string) =>
    Buffer.from(renderTemplate(template, recipe, view, secrets), encrypt.keyEncoding ?? 'utf8');
  const iv = encrypt.iv === undefined ? undefined : bytes(encrypt.iv);
  let ciphertext: Buffer;
  try {
    const cipher = keyCipherWith(CIPHERS[encrypt.algorithm], bytes(encrypt.key), iv);
    ciphertext = cipher.encryptBytes(Buffer.from(JSON.stringify(fields), 'utf8'));
  } catch (error) {
    if (!(error instanceof JunctionError) || error.code !== 'JX_CIPHER_SIZE') throw error;
    const { part, expectedBytes, gotBytes } = error.details;
    throw new JunctionError(
      'JX_RECIPE_INVALID',
      part === 'key'
        ? `${encrypt.algorithm} needs a ${expectedBytes}-byte key; the recipe's key has ${gotBytes} bytes.`
        : `${encrypt.algorithm} needs a ${expectedBytes}-byte IV.`,
      { algorithm: encrypt.algorithm, field: `encrypt.${part}` },
    );
  }
  return { [encrypt.into]: encodeBytes(ciphertext, encrypt.encoding ?? 'base64') };
}
