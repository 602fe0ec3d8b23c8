/** One step of a path into a JSON value: an object key or an array index. */
export type PathSegment = string | number;

/** Builds an RFC 6901 JSON pointer (`/body/amount`, `/items/0`) from path segments. */
export function toPointer(path: readonly PathSegment[]): string {
  let pointer = '';
  for (const segment of path) {
    pointer += '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
  }
  return pointer;
}

/** Appends path segments to an existing JSON pointer. */
export function joinPointer(base: string, ...path: PathSegment[]): string {
  return base + toPointer(path);
}

/** Splits an RFC 6901 JSON pointer into unescaped segments (`''` → `[]`). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `pointer` inside `root`, or undefined when the path does not exist. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const segment of parsePointer(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
