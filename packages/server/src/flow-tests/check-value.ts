import { evaluateExpression, type Json, toErrorInfo } from '@junction/runtime';
import { type FailureSentence, failureSentence, type ValueWhere } from './failure-catalogue.ts';
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

/** The first place where `actual` departs from a subset `expected` (values as compact JSON). */
export interface SubsetDiff {
  kind: 'differs' | 'notObject';
  path: string;
  expected: string;
  actual: string;
}

/**
 * Where `actual` departs from the subset `expected`: objects need only the listed keys, arrays are
 * compared item by item (same length), anything else exactly. Returns the first difference.
 */
export function subsetDiff(expected: unknown, actual: unknown, path = ''): SubsetDiff | undefined {
  const at = path || '/';
  if (expected !== null && typeof expected === 'object') {
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual) || actual.length !== expected.length)
        return { kind: 'differs', path: at, expected: show(expected), actual: show(actual) };
      for (let i = 0; i < expected.length; i++) {
        const diff = subsetDiff(expected[i], actual[i], `${path}/${i}`);
        if (diff) return diff;
      }
      return undefined;
    }
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return { kind: 'notObject', path: at, expected: show(expected), actual: show(actual) };
    for (const [key, value] of Object.entries(expected)) {
      const diff = subsetDiff(value, (actual as Record<string, unknown>)[key], `${path}/${key}`);
      if (diff) return diff;
    }
    return undefined;
  }
  return jsonEquals(expected, actual)
    ? undefined
    : { kind: 'differs', path: at, expected: show(expected), actual: show(actual) };
}

/** A {@link SubsetDiff} as a failure about `where`. */
export function diffFailure(diff: SubsetDiff, where: ValueWhere): FailureSentence {
  const { kind, ...rest } = diff;
  return failureSentence(kind === 'notObject' ? 'flowTest.valueNotObject' : 'flowTest.valueDiffers', {
    ...where,
    ...rest,
  });
}

/** Runs a {@link ValueCheck} against a value; returns the failures about `where` (empty when it passes). */
export async function checkValue(
  check: ValueCheck,
  actual: Json | undefined,
  where: ValueWhere,
): Promise<FailureSentence[]> {
  const failures: FailureSentence[] = [];
  if ('equals' in check && !jsonEquals(check.equals, actual))
    failures.push(
      failureSentence('flowTest.valueNotEqual', {
        ...where,
        expected: show(check.equals),
        actual: show(actual),
      }),
    );
  if (check.contains !== undefined) {
    const diff = subsetDiff(check.contains, actual);
    if (diff) failures.push(diffFailure(diff, where));
  }
  if (check.satisfies !== undefined) {
    try {
      const verdict = await evaluateExpression(check.satisfies, actual ?? null);
      if (verdict !== true)
        failures.push(
          failureSentence('flowTest.satisfiesFalse', {
            ...where,
            expression: check.satisfies,
            verdict: show(verdict),
            actual: show(actual),
          }),
        );
    } catch (error) {
      const info = toErrorInfo(error);
      failures.push(
        failureSentence('flowTest.satisfiesError', {
          ...where,
          expression: check.satisfies,
          code: info.code,
          error: info.message,
        }),
      );
    }
  }
  return failures;
}
