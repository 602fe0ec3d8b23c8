import type { Json } from '@junction/runtime';

/**
 * Reads the correlation key at `keyPath` (dotted `a.b.c`, or a JSON pointer `/a/b/c`) from a JSON
 * or form body. A segment that lands on a string holding JSON descends into it, because suppliers
 * often nest their business fields as a JSON string (`biz_content`, `result`).
 * Returns undefined when absent; numbers are turned into strings.
 */
export function extractKey(body: Json | undefined, keyPath: string): string | undefined {
  const segments = keyPath.startsWith('/')
    ? keyPath
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    : keyPath.replace(/^=/, '').split('.');
  let value: Json | undefined = body;
  for (const segment of segments) {
    if (typeof value === 'string') value = parseJsonObject(value);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = value[segment];
  }
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function parseJsonObject(text: string): Json | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}
