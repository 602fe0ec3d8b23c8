import type { AffixPart, SignatureSpec } from '../credentials/signature-spec.ts';
import type { MessagePlace, RecipePart, SigningRecipe } from './recipe-types.ts';

const AFFIX_TEXT: Record<AffixPart, { before: string; after: string }> = {
  secret: { before: '{secret}', after: '{secret}' },
  'key-secret': { before: 'key={secret}&', after: '&key={secret}' },
  timestamp: { before: '{timestamp}', after: '{timestamp}' },
};

/**
 * The recipe a flat `signature` credential (the fields of {@link SignatureSpec}) has always meant,
 * so credentials saved before recipes sign and verify exactly as they did. `rawBody`: the message's
 * body is raw text — the generated fields then travel beside the signature (header or query), as
 * before, because a raw body cannot hold them.
 */
export function specToRecipe(spec: SignatureSpec, rawBody: boolean): SigningRecipe {
  const besideIn = spec.placement === 'header' ? 'header' : 'query';
  const generatedIn = spec.paramsFrom === 'query' ? 'query' : rawBody ? besideIn : 'body';
  const at = (name: string): MessagePlace => ({ in: generatedIn, name });
  const affix = (parts: AffixPart[], position: 'before' | 'after'): RecipePart[] =>
    parts.map((part) => ({ type: 'text', template: AFFIX_TEXT[part][position] }));
  const recipe: SigningRecipe = {
    parts: [
      ...affix(spec.prepend, 'before'),
      {
        type: 'params',
        from: spec.paramsFrom,
        fields: spec.signedFields,
        excludeEmpty: spec.excludeEmpty,
        order: spec.sort === 'none' ? 'given' : spec.sort,
        join: spec.join,
      },
      ...affix(spec.append, 'after'),
    ],
    algorithm: spec.hash,
    encoding: spec.encoding,
    signature: [{ in: spec.placement, name: spec.signatureField }],
  };
  if (spec.appKeyField) recipe.appKey = at(spec.appKeyField);
  if (spec.timestampField) {
    recipe.timestamp = {
      place: at(spec.timestampField),
      format: spec.timestampFormat,
      utcOffsetMinutes: spec.utcOffsetMinutes,
      toleranceSeconds: spec.toleranceSeconds,
      required: spec.requireTimestamp,
    };
  }
  // Flat credentials never checked nonces: a supplier's retry with the same nonce stays accepted.
  if (spec.nonceField) recipe.nonce = { place: at(spec.nonceField), replayWindowSeconds: 0, required: false };
  return recipe;
}
