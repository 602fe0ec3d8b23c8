import { JunctionError } from '@junction/runtime';

/**
 * Numbers that could overflow a double: an exponent of three or more digits, or 309 digits in a row.
 * Any JSON text holding `1e999`-like numbers matches; most texts do not, so the walk below is rare.
 */
const MAYBE_HUGE = /[eE][+]?\d{3}|\d{309}/;

/** The JSON pointer of the first non-finite number in `value`, if any (depth is bounded by the depth check). */
function findNonFinite(value: unknown, pointer: string): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : pointer || '/';
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = findNonFinite(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses a parsed JSON body holding a number JSON.parse turned into ±Infinity (e.g. `1e999`): such a
 * value cannot be stored or sent on as JSON (it becomes `null`) and fails later inside a flow, far from
 * its cause. 400 `JX_JSON_NUMBER_OUT_OF_RANGE` with the value's JSON pointer.
 */
export function assertFiniteNumbers(text: string, value: unknown): void {
  if (!MAYBE_HUGE.test(text)) return;
  const pointer = findNonFinite(value, '');
  if (pointer === undefined) return;
  throw new JunctionError(
    'JX_JSON_NUMBER_OUT_OF_RANGE',
    `The request body has a number at ${pointer} too large for a double (e.g. 1e999); send it as a string or a smaller number.`,
    { pointer },
  );
}
