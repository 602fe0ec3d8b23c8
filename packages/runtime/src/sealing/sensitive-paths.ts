import { JunctionError } from '../errors/junction-error.ts';
import type { Json } from '../flow/json.ts';
import { parsePointer } from '../flow/json-pointer.ts';

/** A compiled `sensitiveOutputs` pattern: JSON-pointer segments, `*` matching any key or index. */
export type SensitivePath = readonly string[];

/**
 * Compiles a node type's `sensitiveOutputs` (JSON pointers into its outputs by port, `*` for any
 * array index or object key, e.g. `/out/*\/card_pwd`). Throws `JX_SENSITIVE_PATH_INVALID` for a
 * pattern that is not a pointer or names no port.
 */
export function compileSensitivePaths(nodeType: string, patterns: readonly string[]): SensitivePath[] {
  return patterns.map((pattern) => {
    let segments: string[] | undefined;
    try {
      segments = pattern.startsWith('/') ? parsePointer(pattern).map(String) : undefined;
    } catch {
      segments = undefined;
    }
    if (!segments || segments.length === 0 || segments[0] === '*' || segments[0] === '') {
      throw new JunctionError(
        'JX_SENSITIVE_PATH_INVALID',
        `Node type ${nodeType} declares sensitive output "${pattern}", which is not a JSON pointer starting with a port name (e.g. "/out/*/card_pwd").`,
        { nodeType, pattern },
      );
    }
    return segments;
  });
}

/**
 * Every string found at `paths` in a node's outputs (by port); a path that reaches an object or
 * array counts every string inside it. Numbers and booleans are not collected (only strings are
 * sealed: sealing turns a value into a string, which a number cannot become silently).
 */
export function collectSensitive(outputs: Record<string, Json>, paths: readonly SensitivePath[]): string[] {
  const found: string[] = [];
  for (const path of paths) visit(outputs, path, 0, found);
  return found;
}

function visit(value: unknown, path: SensitivePath, depth: number, found: string[]): void {
  if (depth === path.length) return void strings(value, found);
  if (value === null || typeof value !== 'object') return;
  const segment = path[depth]!;
  const children = segment === '*' ? Object.values(value) : [(value as Record<string, unknown>)[segment]];
  for (const child of children) if (child !== undefined) visit(child, path, depth + 1, found);
}

function strings(value: unknown, found: string[]): void {
  if (typeof value === 'string') {
    if (value !== '') found.push(value);
  } else if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) strings(child, found);
  }
}

const compiled = new WeakMap<object, SensitivePath[] | undefined>();

/** The compiled `sensitiveOutputs` of a node type (cached per definition), or undefined when none. */
export function sensitivePathsOf(definition: {
  type: string;
  sensitiveOutputs?: readonly string[];
}): SensitivePath[] | undefined {
  if (!definition.sensitiveOutputs?.length) return undefined;
  if (!compiled.has(definition)) {
    compiled.set(definition, compileSensitivePaths(definition.type, definition.sensitiveOutputs));
  }
  return compiled.get(definition);
}
