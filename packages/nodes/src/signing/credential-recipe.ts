import { JunctionError, type ResolvedCredential } from '@junction/runtime';
import { optionalField, requireField } from '../credentials/credential-fields.ts';
import { cardPlatformSpec, signatureSpecOf } from '../credentials/signature-spec.ts';
import { signingPreset } from './presets.ts';
import type { RecipeSecrets, SigningRecipe } from './recipe-types.ts';
import { specToRecipe } from './spec-to-recipe.ts';

/**
 * The recipe and secrets of a signing credential. A `signature` credential carries its recipe in
 * `recipe`, names a preset in `preset`, or has the flat fields it had before recipes (migrated by
 * {@link specToRecipe}); a `card-platform` credential is the card-platform preset. `rawBody`: the
 * message's body is raw text (for flat credentials only, see {@link specToRecipe}).
 */
export function credentialRecipe(
  credential: ResolvedCredential,
  rawBody: boolean,
): { recipe: SigningRecipe; secrets: RecipeSecrets } {
  if (credential.kind === 'card-platform') {
    return {
      recipe: specToRecipe(cardPlatformSpec(), rawBody),
      secrets: {
        secret: requireField(credential, 'appSecret'),
        appKey: optionalField(credential, 'appKey', '') || undefined,
      },
    };
  }
  const secrets: RecipeSecrets = {};
  for (const field of ['secret', 'appKey', 'privateKey', 'publicKey'] as const) {
    const value = optionalField(credential, field, '');
    if (typeof value === 'string' && value !== '') secrets[field] = value;
  }
  return { recipe: withCharset(credential, ownRecipe(credential, rawBody)), secrets };
}

function ownRecipe(credential: ResolvedCredential, rawBody: boolean): SigningRecipe {
  const recipe = credential.data.recipe;
  if (recipe !== undefined && recipe !== null) {
    if (typeof recipe !== 'object' || Array.isArray(recipe)) invalid(credential, 'recipe', 'an object');
    return recipe as unknown as SigningRecipe;
  }
  const presetId = optionalField(credential, 'preset', '');
  if (presetId !== '') {
    const preset = typeof presetId === 'string' ? signingPreset(presetId) : undefined;
    if (!preset) invalid(credential, 'preset', 'the id of a signing preset');
    return preset.recipe;
  }
  return specToRecipe(signatureSpecOf(credential).spec, rawBody);
}

/** The credential's `charset` (when set) decides the bytes of the canonical string, over the recipe's. */
function withCharset(credential: ResolvedCredential, recipe: SigningRecipe): SigningRecipe {
  const charset = optionalField(credential, 'charset', '');
  return typeof charset === 'string' && charset !== '' ? { ...recipe, charset } : recipe;
}

function invalid(credential: ResolvedCredential, field: string, expected: string): never {
  throw new JunctionError(
    'JX_CREDENTIAL_INVALID',
    `Credential ${credential.id}: "${field}" must be ${expected}.`,
    { credentialId: credential.id, kind: credential.kind, field },
  );
}
