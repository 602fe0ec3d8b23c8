import { JunctionError } from '../errors/junction-error.ts';
import type { Json } from '../flow/json.ts';

/**
 * Converts a JSONata result to plain JSON: `undefined` (no match) becomes `null`, JSONata sequences
 * become plain arrays, keys holding `undefined` are dropped. Values that are already plain JSON are
 * returned as is (no copy), so large pass-through results cost one walk.
 * Functions and non-finite numbers throw `JX_EXPRESSION_RESULT`.
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

function convertArray(array: unknown[], pointer: string): Json[] {
  // JSONata tags its sequences with extra own properties (`sequence`, `outerWrapper`…).
  let changed = Object.keys(array).length !== array.length;
  const out: Json[] = new Array(array.length);
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    const converted = convert(item, `${pointer}/${i}`);
    out[i] = converted === undefined ? null : converted;
    if (out[i] !== item) changed = true;
  }
  return changed ? out : (array as Json[]);
}

function convertObject(object: Record<string, unknown>, pointer: string): Json {
  let changed = Object.getPrototypeOf(object) !== Object.prototype;
  const out: Record<string, Json> = {};
  for (const key of Object.keys(object)) {
    const item = object[key];
    const converted = convert(item, `${pointer}/${key}`);
    if (converted === undefined) {
      changed = true;
      continue;
    }
    out[key] = converted;
    if (converted !== item) changed = true;
  }
  return changed ? out : (object as Record<string, Json>);
}

function notJson(pointer: string, reason: string): JunctionError {
  return new JunctionError(
    'JX_EXPRESSION_RESULT',
    `Expression result is not JSON${pointer ? ` at ${pointer}` : ''}: ${reason}. Return only objects, arrays, strings, numbers, booleans or null.`,
    { resultPointer: pointer },
  );
}
