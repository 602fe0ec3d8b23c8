import { createHash } from 'node:crypto';
import type { Json } from '../flow/json.ts';

/**
 * The identity of a callback notice: SHA-256 (hex) of its body as JSON text. A supplier's retry
 * sends the same body, so it has the same digest and is a duplicate; a later notice on the same key
 * (`processing`, then `success`) has another one and is a notice of its own.
 */
export function noticeDigest(payload: Json): string {
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}
