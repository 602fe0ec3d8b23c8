import type { Json } from '../flow/json.ts';
import { type PathSegment, toPointer } from '../flow/json-pointer.ts';
import { isExpression } from './is-expression.ts';

/** One expression string found inside a JSON value. */
export interface ExpressionLocation {
  /** Path segments from the root to the string. */
  path: PathSegment[];
  /** The same path as a JSON pointer, e.g. `/body/amount`. */
  pointer: string;
  /** The full string, leading `=` included. */
  source: string;
}

/** Every expression string inside `value` (deeply, in objects and arrays), in document order. */
export function listExpressions(value: Json | undefined): ExpressionLocation[] {
  const found: ExpressionLocation[] = [];
  walk(value, [], found);
  return found;
}

function walk(value: Json | undefined, path: PathSegment[], found: ExpressionLocation[]): void {
  if (isExpression(value)) {
    found.push({ path: [...path], pointer: toPointer(path), source: value });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], path, found);
      path.pop();
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      path.push(key);
      walk(value[key], path, found);
      path.pop();
    }
  }
}
