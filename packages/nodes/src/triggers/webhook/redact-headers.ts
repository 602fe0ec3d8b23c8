import type { Json } from '@junction/runtime';

/** Headers whose values are credentials of the caller; they must not reach run outputs or journals. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'x-auth-token',
]);

/** A copy of `headers` with lower-cased names and credential values replaced by `[redacted]`. */
export function redactHeaders(headers: { [name: string]: Json }): { [name: string]: Json } {
  const result: { [name: string]: Json } = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    result[lower] = SECRET_HEADERS.has(lower) ? '[redacted]' : value;
  }
  return result;
}
