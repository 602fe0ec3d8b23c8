import type { Json } from '@junction/runtime';
import { signView } from '../signing/recipe-engine.ts';
import { specToRecipe } from '../signing/spec-to-recipe.ts';
import type { SignatureSpec } from './signature-spec.ts';

/** The string that was hashed and the encoded signature, for tests and "why does my signature differ" debugging. */
export interface ComputedSignature {
  canonical: string;
  signature: string;
}

/**
 * Signs `params` (an object of parameters, or a raw body string) according to a flat `spec`, through
 * the recipe the spec stands for ({@link specToRecipe}). The timestamp a `timestamp` affix uses is
 * read from `params` unless given (raw bodies carry it beside the signature).
 */
export function computeSignature(
  spec: SignatureSpec,
  secret: string,
  params: Record<string, Json> | string,
  timestampOverride?: string,
): Promise<ComputedSignature> {
  const raw = typeof params === 'string';
  const recipe = specToRecipe(spec, raw);
  const beside: Record<string, string> = {};
  if (timestampOverride !== undefined && recipe.timestamp)
    beside[recipe.timestamp.place.name] = timestampOverride;
  const inQuery = spec.paramsFrom === 'query' || spec.placement !== 'header';
  const query = spec.paramsFrom === 'query' && !raw ? stringify(params) : inQuery ? beside : {};
  return signView(
    recipe,
    {
      method: 'POST',
      path: '/',
      query,
      headers: inQuery ? {} : beside,
      body: raw || spec.paramsFrom === 'query' ? undefined : params,
      rawBody: raw ? params : '',
    },
    { secret },
  );
}

function stringify(params: Record<string, Json>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, value as string]));
}
