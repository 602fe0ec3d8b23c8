import { JunctionError } from '../errors/junction-error.ts';
import type { Json } from '../flow/json.ts';

/**
 * Converts a JSONata result to a plain JSON copy: `undefined` (no match) becomes `null`, JSONata
 * sequences become plain arrays, keys holding `undefined` are dropped.
 * Functions and non-finite numbers throw `JX_EXPRESSION_RESULT`.
 *
 * Always a copy, never the bound objects themselves: `=$nodes` returns the run's live `$nodes`
 * object, which would contain itself once the node's output is recorded in it (a circular output
 * that no journal can store), and a node editing its config in place would edit another node's
 * recorded output. The walk visits every value anyway; copying adds the allocation only.
 */
export function toJson(value: unknown): Json {
  const converted = convert(value, '');
  return converted === undefined ? null : converted;
}

function convert(value: unknown, pointer: string): Json | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw notJson(pointer, `the number ${value} is not valid JSON`);
  }
  if (typeof value === 'function') throw notJson(pointer, 'a function is not a JSON value');
  if (Array.isArray(value)) return convertArray(value, pointer);
  if (typeof value === 'object') return convertObject(value as Record<string, unknown>, pointer);
  throw notJson(pointer, `a ${typeof value} is not a JSON value`);
}

// JSONata tags its sequences with extra own properties (`sequence`, `outerWrapper`…): only the
// indexed items are copied.
function convertArray(array: unknown[], pointer: string): Json[] {
  const out: Json[] = new Array(array.length);
  for (let i = 0; i < array.length; i++) {
    const converted = convert(array[i], `${pointer}/${i}`);
    out[i] = converted === undefined ? null : converted;
  }
  return out;
}

function convertObject(object: Record<string, unknown>, pointer: string): Json {
  const out: Record<string, Json> = {};
  for (const key of Object.keys(object)) {
    const converted = convert(object[key], `${pointer}/${key}`);
    if (converted === undefined) continue;
    // Assigning `__proto__` would set the copy's prototype instead of keeping the data.
    if (key === '__proto__')
      Object.defineProperty(out, key, {
        value: converted,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[key] = converted;
  }
  return out;
}

function notJson(pointer: string, reason: string): JunctionError {
  return new JunctionError(
    'JX_EXPRESSION_RESULT',
    `Expression result is not JSON${pointer ? ` at ${pointer}` : ''}: ${reason}. Return only objects, arrays, strings, numbers, booleans or null.`,
    { resultPointer: pointer },
  );
}
