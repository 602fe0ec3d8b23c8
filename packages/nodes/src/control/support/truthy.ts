import type { Json } from '@junction/runtime';

/**
 * JSONata's `$boolean` rules, so a condition behaves the same whether the user wrote
 * `=status = 'ok'` (a boolean) or `=items` (truthy when non-empty): null, false, 0, '', [] and {}
 * are false; an array is true when any member is.
 */
export function isTruthy(value: Json | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.some(isTruthy);
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}
