import { type Json, parsePointer, toPointer } from '@junction/runtime';

/** A field found by a pattern: its concrete pointer, its segments, and what each `*` stood for. */
export interface FieldMatch {
  pointer: string;
  segments: string[];
  stars: string[];
}

/**
 * Every existing field `pattern` names in `value`, `*` matching every index of an array and every
 * key of an object, in document order.
 */
export function matchFields(value: Json, pattern: string): FieldMatch[] {
  const found: FieldMatch[] = [];
  const segments = parsePointer(pattern);
  const walk = (node: Json | undefined, depth: number, path: string[], stars: string[]) => {
    if (node === undefined) return;
    if (depth === segments.length) {
      found.push({ pointer: toPointer(path), segments: path, stars });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const segment = segments[depth] as string;
    const keys = segment === '*' ? Object.keys(node) : [segment];
    for (const key of keys) {
      const child = Array.isArray(node) ? node[Number(key)] : (node as Record<string, Json>)[key];
      if (Array.isArray(node) && !/^(0|[1-9]\d*)$/.test(key)) continue;
      walk(child, depth + 1, [...path, key], segment === '*' ? [...stars, key] : stars);
    }
  };
  walk(value, 0, [], []);
  return found;
}

/** `pattern` with its `*` replaced, in order, by `stars` (the IV beside the field being decrypted). */
export function fillStars(pattern: string, stars: readonly string[]): string[] {
  let next = 0;
  return parsePointer(pattern).map((segment) => (segment === '*' ? (stars[next++] ?? '*') : segment));
}

/** The value at `segments`, or undefined. */
export function valueAt(value: Json, segments: readonly string[]): Json | undefined {
  let node: Json | undefined = value;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(segment)] : (node as Record<string, Json>)[segment];
  }
  return node;
}

/** Writes `next` at `segments` of `value` (a copy the caller owns; the path exists). */
export function writeAt(value: Json, segments: readonly string[], next: Json): void {
  let node = value as Record<string, Json>;
  for (const segment of segments.slice(0, -1)) node = node[segment] as Record<string, Json>;
  node[segments[segments.length - 1] as string] = next;
}
