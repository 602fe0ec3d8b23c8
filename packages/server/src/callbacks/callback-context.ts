import type { CallbackContext } from '@junction/runtime';
import type { FastifyRequest } from 'fastify';

/** Headers that carry a caller's own credentials: kept out of the store and out of conditions. */
const WITHHELD = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** The first value of each field, as text; repeated fields keep their first occurrence. */
function firstValues(fields: Record<string, unknown>, skip?: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (skip?.has(name)) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[name] = first;
    else if (typeof first === 'number' || typeof first === 'boolean') out[name] = String(first);
  }
  return out;
}

/**
 * What a callback carried besides its body, for its wait's condition (`$headers`, `$query`):
 * headers by lower-case name (Node gives them so) without Authorization, Proxy-Authorization and
 * Cookie, and query parameters, first value of each.
 */
export function callbackContextOf(request: FastifyRequest): CallbackContext {
  return {
    headers: firstValues(request.headers as Record<string, unknown>, WITHHELD),
    query: firstValues((request.query ?? {}) as Record<string, unknown>),
  };
}
