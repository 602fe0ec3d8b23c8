import type { Json } from '@junction/runtime';

/**
 * Reads the correlation key at `keyPath` (dotted `a.b.c`, or a JSON pointer `/a/b/c`) of a callback
 * body, JSON or form. A segment that lands on a string holding a JSON object descends into it,
 * because suppliers often nest their business fields as a JSON string (`biz_content`, `result`).
 * Numbers become strings so `123456` and `"123456"` match the same wait. Undefined when absent,
 * empty or not a string or number. The server's callback ingress matches waits with this.
 */
export function readKeyPath(body: Json | undefined, keyPath: string): string | undefined {
  let value: Json | undefined = body;
  for (const segment of keyPathSegments(keyPath)) {
    if (typeof value === 'string') value = parseJsonObject(value);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = value[segment];
  }
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function keyPathSegments(keyPath: string): string[] {
  if (!keyPath.startsWith('/')) return keyPath.replace(/^=/, '').split('.');
  return keyPath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parseJsonObject(text: string): Json | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}
