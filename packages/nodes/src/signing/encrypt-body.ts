import type { Json } from '@junction/runtime';
import { aesEncrypt, encodeBytes } from './crypto-core.ts';
import type { RecipeSecrets, SigningRecipe } from './recipe-types.ts';
import { type MessageView, renderTemplate } from './render-canonical.ts';

/**
 * The body a recipe with `encrypt` sends: the fields' compact JSON enciphered into one field,
 * beside which the app key, timestamp, nonce and signature are then placed. Unchanged without it.
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
  const ciphertext = aesEncrypt(
    encrypt.algorithm,
    JSON.stringify(fields),
    bytes(encrypt.key),
    encrypt.iv === undefined ? undefined : bytes(encrypt.iv),
  );
  return { [encrypt.into]: encodeBytes(ciphertext, encrypt.encoding ?? 'base64') };
}
