import type { Json } from '@junction/runtime';
import { configInvalid, jsonTypeOf } from '../support/node-errors.ts';

/** Time units a delay can be written in, with their length in milliseconds. */
export const DELAY_UNITS = {
  ms: 1,
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
} as const;

/** A unit of {@link DELAY_UNITS}. */
export type DelayUnit = keyof typeof DELAY_UNITS;

/** The wake-up time for a relative delay; throws `JX_CONFIG_INVALID` for a negative or non-number amount. */
export function delayFor(now: number, amount: Json | undefined, unit: DelayUnit = 'seconds'): number {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw configInvalid(
      'amount',
      `must be a number of ${unit} ≥ 0, got ${jsonTypeOf(amount)} ${String(amount)}.`,
    );
  }
  const factor = DELAY_UNITS[unit];
  if (factor === undefined) throw configInvalid('unit', `"${String(unit)}" is not a time unit.`);
  return now + amount * factor;
}

/** Parses an absolute time: epoch milliseconds or an ISO 8601 string with a zone. */
export function parseInstant(value: Json | undefined, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return parsed;
  }
  throw configInvalid(
    field,
    `must be an ISO date-time (e.g. 2030-01-01T09:00:00Z) or epoch milliseconds, got ${jsonTypeOf(value)}.`,
  );
}
