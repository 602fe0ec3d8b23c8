/**
 * Money is held as integer ten-thousandths (the suppliers quote four decimals, e.g. `"50.0000"`), so
 * debits and refunds add up exactly.
 */
export const MONEY_SCALE = 10_000;

/** Converts an amount such as `48.5` into integer ten-thousandths. */
export function toMinor(amount: number): number {
  return Math.round(amount * MONEY_SCALE);
}

/** Converts integer ten-thousandths back into a number for JSON responses. */
export function fromMinor(minor: number): number {
  return minor / MONEY_SCALE;
}

/** Formats integer ten-thousandths with four decimals, as callbacks carry prices (`"50.0000"`). */
export function formatMinor(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / MONEY_SCALE)}.${String(abs % MONEY_SCALE).padStart(4, '0')}`;
}
