import { type Json, JunctionError } from '@junction/runtime';

/** The biz_content of a create call, as far as it identifies the order. */
export type CreateBiz = Record<string, Json> & { customer_order_no: string };

/** Supplier field, what it defaults to when the create call left it out, and how to compare it. */
const IDENTITY: { field: string; fallback?: string; numeric?: boolean }[] = [
  { field: 'product_id' },
  { field: 'buy_num', fallback: '1', numeric: true },
  { field: 'charge_account' },
];

function sameValue(found: Json, wanted: string, numeric: boolean): boolean {
  return numeric ? Number(found) === Number(wanted) : String(found) === wanted;
}

/**
 * Refuses to adopt an order found under our `customer_order_no` unless it is the order this create
 * call asked for: same product, same quantity and, for direct top-ups, the same account. Anything else
 * means the number was used for another order (or the request changed), and adopting it would hand the
 * customer goods they did not order — or nothing for what they did.
 *
 * A field the supplier does not report is not compared; a field the create call did not send is
 * compared with the supplier's default (`buy_num` 1).
 */
export function assertSameOrder(order: Json, biz: CreateBiz): void {
  if (typeof order !== 'object' || order === null || Array.isArray(order)) return;
  for (const { field, fallback, numeric = false } of IDENTITY) {
    const found = order[field];
    const sent = biz[field];
    const wanted = sent === undefined || sent === null ? fallback : String(sent);
    if (found === undefined || found === null || wanted === undefined) continue;
    if (sameValue(found, wanted, numeric)) continue;
    throw new JunctionError(
      'JX_SUPPLIER_DUPLICATE_ORDER',
      `customer_order_no ${biz.customer_order_no} already belongs to an order with ${field} ${String(found)}, not ${wanted}; it was not adopted. Use a new order number for this order.`,
      {
        customer_order_no: biz.customer_order_no,
        conflict: 'different-order',
        field,
        expected: wanted,
        found,
        retryable: false,
      },
    );
  }
}
