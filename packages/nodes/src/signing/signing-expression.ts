import { compileExpression, type Json, JunctionError } from '@junction/runtime';
import { encodeText } from '../wire-format/charset.ts';
import { digestBytes, encodeBytes, rsaSign } from './crypto-core.ts';
import type { RecipeAlgorithm, RecipeEncoding, RecipeSecrets, SigningRecipe } from './recipe-types.ts';
import { canonicalJson, type MessageView, readPlace } from './render-canonical.ts';

const ENCODINGS: readonly RecipeEncoding[] = ['hex-lower', 'hex-upper', 'base64', 'base64url'];

function encodingOf(value: unknown): RecipeEncoding {
  if (value === undefined) return 'hex-lower';
  if (ENCODINGS.includes(value as RecipeEncoding)) return value as RecipeEncoding;
  throw new JunctionError(
    'JX_RECIPE_INVALID',
    `The encoding ${JSON.stringify(value)} is unknown; use ${ENCODINGS.join(', ')}.`,
    {
      field: 'expression',
    },
  );
}

/**
 * Evaluates a recipe's `expression` (see {@link SigningRecipe.expression}). The secret and the private
 * key are bound for this one evaluation and reach nothing else: not the flow's expressions, the
 * journal or a log. Failures are `JX_RECIPE_INVALID` with JSONata's code and position, never a value.
 */
export async function evaluateSigningExpression(
  recipe: SigningRecipe,
  view: MessageView,
  secrets: RecipeSecrets,
  canonical: string,
): Promise<string> {
  const compiled = compileExpression(recipe.expression ?? '');
  const input = {
    method: view.method.toUpperCase(),
    path: view.path,
    query: view.query,
    headers: Object.fromEntries(
      Object.entries(view.headers).map(([key, value]) => [key.toLowerCase(), value]),
    ),
    body: view.body ?? null,
    rawBody: view.rawBody,
    timestamp: recipe.timestamp ? (readPlace(view, recipe.timestamp.place) ?? null) : null,
    nonce: recipe.nonce ? (readPlace(view, recipe.nonce.place) ?? null) : null,
    canonical,
  };
  // Text becomes bytes in the recipe's charset (the credential's, when it sets one), or in the
  // charset given as the helper's last argument: GBK for a platform that signs GBK bytes.
  const bytes = (text: unknown, charset?: string): Buffer =>
    encodeText(String(text), charset || recipe.charset || 'utf-8', { what: 'the signed text' });
  const bindings = {
    secret: secrets.secret ?? null,
    appKey: secrets.appKey ?? null,
    digest: (algorithm: RecipeAlgorithm, text: string, encoding?: RecipeEncoding, charset?: string) =>
      encodeBytes(digestBytes(algorithm, bytes(text, charset)), encodingOf(encoding)),
    hmac: (algorithm: string, key: string, text: string, encoding?: RecipeEncoding, charset?: string) =>
      encodeBytes(
        digestBytes(
          `hmac-${String(algorithm).replace(/^hmac-/, '')}` as RecipeAlgorithm,
          bytes(text, charset),
          String(key),
        ),
        encodingOf(encoding),
      ),
    rsaSign: (
      algorithm: 'rsa-sha1' | 'rsa-sha256',
      text: string,
      encoding?: RecipeEncoding,
      charset?: string,
    ) => {
      if (!secrets.privateKey) {
        throw new JunctionError(
          'JX_CREDENTIAL_INVALID',
          'The expression uses $rsaSign, but the credential has no privateKey.',
          {
            field: 'privateKey',
          },
        );
      }
      return encodeBytes(
        rsaSign(algorithm, bytes(text, charset), secrets.privateKey),
        encodingOf(encoding ?? 'base64'),
      );
    },
    encode: (text: string, encoding: RecipeEncoding) =>
      encodeBytes(Buffer.from(String(text), 'utf8'), encodingOf(encoding)),
    canonicalJson: (value: Json) => canonicalJson(value),
  };
  let result: unknown;
  try {
    result = await compiled.jsonata.evaluate(input, bindings);
  } catch (error) {
    if (error instanceof JunctionError) throw error;
    const { code, position } = error as { code?: string; position?: number };
    throw new JunctionError(
      'JX_RECIPE_INVALID',
      `The signing recipe's expression failed (${code ?? 'error'} at position ${position ?? '?'}).`,
      {
        field: 'expression',
        ...(code ? { jsonataCode: code } : {}),
        ...(position !== undefined ? { position } : {}),
      },
    );
  }
  if (typeof result !== 'string' || result === '') {
    throw new JunctionError(
      'JX_RECIPE_INVALID',
      "The signing recipe's expression must give the signature as a non-empty string.",
      {
        field: 'expression',
      },
    );
  }
  return result;
}
