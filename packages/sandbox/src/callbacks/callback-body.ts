import { formatMinor } from '../catalogue/money.ts';
import { signPayload } from '../crypto/sign.ts';
import { formatTimestamp } from '../crypto/timestamp.ts';
import type { Order } from '../state/order.ts';

/**
 * The settlement callback, field for field as the suppliers send it: every value a string, prices
 * with four decimals, signed like a request (over the bytes in `charset`, the charset it is sent in).
 * `badSignature` spoils the signature for the fault.
 */
export function buildCallbackBody(
  order: Order,
  secret: string,
  badSignature = false,
  charset = 'utf-8',
): Record<string, string> {
  const body: Record<string, string> = {
    order_id: order.orderId,
    charge_finish_time: order.finishedAt === undefined ? '' : formatTimestamp(new Date(order.finishedAt)),
    customer_order_no: order.customerOrderNo,
    order_status: order.state,
    recharge_description: order.description,
    product_id: order.productId,
    price: formatMinor(order.unitPriceMinor),
    buy_num: String(order.buyNum),
    operator_serial_number: order.operatorSerialNumber,
  };
  const sign = signPayload(body, secret, charset);
  // Flipping one hex digit keeps the shape of a real signature, so only verification can catch it.
  body.sign = badSignature ? (sign[0] === '0' ? '1' : '0') + sign.slice(1) : sign;
  return body;
}
