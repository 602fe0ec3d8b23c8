import type { Json } from '@junction/runtime';
import { configInvalid, jsonTypeOf } from '../../control/support/node-errors.ts';

/** The text of a user key (`key` config field): a non-empty string, or a number. */
export function keyText(key: Json | undefined): string {
  if (typeof key === 'number' && Number.isFinite(key)) return String(key);
  if (typeof key !== 'string' || key === '') {
    throw configInvalid('key', `must resolve to a non-empty string or number, got ${jsonTypeOf(key)}.`);
  }
  return key;
}
