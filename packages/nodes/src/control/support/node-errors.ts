import { type Json, JunctionError } from '@junction/runtime';

/** A short name for a value's JSON type, for error sentences (`array`, `null`, `string`…). */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value === undefined) return 'nothing';
  return typeof value;
}

/**
 * `JX_INPUT_INVALID` naming the field, e.g. `items must be an array, got string`.
 * Only the type of the value goes into the error, never the value itself (it may hold secrets).
 * Not retryable (`details.retryable: false`): the same input fails the same way on every attempt.
 */
export function inputInvalid(field: string, expected: string, got: unknown): JunctionError {
  return new JunctionError('JX_INPUT_INVALID', `${field} must be ${expected}, got ${jsonTypeOf(got)}.`, {
    field,
    expected,
    got: jsonTypeOf(got),
    retryable: false,
  });
}

/**
 * `JX_CONFIG_INVALID` for a config value only detectable at run time (an expression that resolved
 * to the wrong type, a cron pattern…). Static shape errors are caught earlier by the config schema.
 * Never retried: the engine treats the code itself as not retryable (the same config resolves the
 * same way on every attempt), so `details` stays as the caller gives it.
 */
export function configInvalid(
  field: string,
  sentence: string,
  details: Record<string, unknown> = {},
): JunctionError {
  return new JunctionError('JX_CONFIG_INVALID', `${field}: ${sentence}`, { field, ...details });
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
