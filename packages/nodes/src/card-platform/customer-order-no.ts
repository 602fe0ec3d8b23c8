import { createHash } from 'node:crypto';

/**
 * A supplier-safe `customer_order_no` from an idempotency key: suppliers accept letters and digits up to
 * ~32 characters, so other keys are hashed (deterministically: the same key always gives the same number,
 * which is what makes a retried create call hit the supplier's duplicate check instead of a second order).
 */
export function toCustomerOrderNo(idempotencyKey: string): string {
  if (/^[A-Za-z0-9]{1,32}$/.test(idempotencyKey)) return idempotencyKey;
  return `JX${createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 30)}`;
}
