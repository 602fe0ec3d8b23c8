import type { Json } from '@junction/runtime';

/**
 * Reads the correlation key at a dot path (`customer_order_no`, `data.order.no`) of a callback body.
 * Numbers become strings so `123456` and `"123456"` match the same wait. Undefined when absent or not a scalar.
 */
export function readKeyPath(body: Json | undefined, keyPath: string): string | undefined {
  let value: Json | undefined = body;
  for (const part of keyPath.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = value[part];
  }
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
