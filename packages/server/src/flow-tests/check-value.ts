import { evaluateExpression, type Json, toErrorInfo } from '@junction/runtime';
import type { ValueCheck } from './test-file-types.ts';

/** Compact JSON for failure messages, cut to a readable length. */
export function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** Deep equality of JSON values (object key order ignored). */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => jsonEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Where `actual` departs from the subset `expected`: objects need only the listed keys, arrays are
 * compared item by item (same length), anything else exactly. Returns the first difference's path.
 */
export function subsetDifference(expected: unknown, actual: unknown, path = ''): string | undefined {
  if (expected !== null && typeof expected === 'object') {
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual) || actual.length !== expected.length)
        return `${path || '/'}: expected ${show(expected)}, got ${show(actual)}`;
      for (let i = 0; i < expected.length; i++) {
        const diff = subsetDifference(expected[i], actual[i], `${path}/${i}`);
        if (diff) return diff;
      }
      return undefined;
    }
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return `${path || '/'}: expected an object like ${show(expected)}, got ${show(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      const diff = subsetDifference(value, (actual as Record<string, unknown>)[key], `${path}/${key}`);
      if (diff) return diff;
    }
    return undefined;
  }
  return jsonEquals(expected, actual)
    ? undefined
    : `${path || '/'}: expected ${show(expected)}, got ${show(actual)}`;
}

/** Runs a {@link ValueCheck} against a value; returns the failures (empty when it passes). */
export async function checkValue(check: ValueCheck, actual: Json | undefined): Promise<string[]> {
  const failures: string[] = [];
  if ('equals' in check && !jsonEquals(check.equals, actual))
    failures.push(`expected ${show(check.equals)}, got ${show(actual)}`);
  if (check.contains !== undefined) {
    const diff = subsetDifference(check.contains, actual);
    if (diff) failures.push(diff);
  }
  if (check.satisfies !== undefined) {
    try {
      const verdict = await evaluateExpression(check.satisfies, actual ?? null);
      if (verdict !== true) failures.push(`${check.satisfies} is ${show(verdict)} for ${show(actual)}`);
    } catch (error) {
      const info = toErrorInfo(error);
      failures.push(`${check.satisfies} could not be evaluated (${info.code}: ${info.message})`);
    }
  }
  return failures;
}
