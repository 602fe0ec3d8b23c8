import { encodeText } from '../wire-format/charset.ts';
import type { RecipeSecrets, SigningRecipe } from './recipe-types.ts';
import { type MessageView, renderPart } from './render-canonical.ts';

const WHAT = 'the canonical string';

/**
 * The bytes a recipe hashes or signs: each part of the canonical string encoded in the recipe's
 * `charset` (default utf-8) — except a raw-body part of a received message, which is the body's bytes
 * exactly as received. MD5 over GBK bytes differs from MD5 over UTF-8 bytes for any Chinese text, and
 * platforms sign the bytes they send. A character the charset lacks is `JX_CHARSET_UNENCODABLE`.
 */
export function canonicalBytes(recipe: SigningRecipe, view: MessageView, secrets: RecipeSecrets): Buffer {
  const charset = recipe.charset ?? 'utf-8';
  const chunks: Buffer[] = [];
  const separator = encodeText(recipe.partSeparator ?? '', charset, { what: WHAT });
  recipe.parts.forEach((part, index) => {
    if (index > 0) chunks.push(separator);
    if (part.type === 'raw-body' && view.rawBytes) chunks.push(view.rawBytes);
    else chunks.push(encodeText(renderPart(recipe, part, view, secrets), charset, { what: WHAT }));
  });
  return Buffer.concat(chunks);
}
