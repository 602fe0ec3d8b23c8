import {
  isSealed,
  type Json,
  mapStrings,
  openString,
  SEALED_MASK,
  type ValueSealer,
} from '@junction/runtime';
import type { FastifyRequest } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import { hasScope } from '../auth/scopes.ts';

/** How run data leaves the API: sensitive values opened, or masked. */
export type SealedView = <T>(value: T) => T;

/**
 * The view of sealed run values for this request: a token with `runs:secrets` (or `admin`) reads
 * them opened, any other token reads `[sealed]`. A value that no key of this server opens (sealed
 * under a master key it no longer has) stays masked rather than failing the whole answer.
 */
export function sealedViewFor(request: FastifyRequest, sealer: ValueSealer): SealedView {
  const reveal = revealsSecrets(request);
  const replace = (text: string): string => {
    if (!isSealed(text)) return text;
    if (!reveal) return SEALED_MASK;
    try {
      return openString(sealer, text);
    } catch {
      return SEALED_MASK;
    }
  };
  return <T>(value: T) => mapStrings(value as Json, replace) as T;
}

/** True when the request's token may read sensitive run values (`runs:secrets`, or `admin`). */
export function revealsSecrets(request: FastifyRequest): boolean {
  return hasScope(request.tokenScopes ?? [], 'runs:secrets');
}
