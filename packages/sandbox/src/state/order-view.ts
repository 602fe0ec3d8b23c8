import { fromMinor } from '../catalogue/money.ts';
import { formatTimestamp } from '../crypto/timestamp.ts';
import type { DeliveredCard, Order, OrderState } from './order.ts';

/** An order as `order.card.add`, `order.direct.add` and `order.info.get` return it. */
export interface OrderView {
  order_id: string;
  customer_order_no: string;
  product_id: string;
  product_name: string;
  order_type: 'card' | 'direct';
  buy_num: number;
  /** Total price charged, in yuan. */
  order_price: number;
  order_state: OrderState;
  create_time: string;
  /** Empty until the order settles. */
  finish_time: string;
  charge_account?: string;
  recharge_description: string;
  operator_serial_number: string;
  /** Only on success of a card order: number and password AES-256-ECB encrypted, Base64. */
  cards: DeliveredCard[];
}

/** An order as the admin API shows it: the merchant view plus who placed it and where callbacks go. */
export interface AdminOrderView extends OrderView {
  app_key: string;
  notify_url?: string;
}

/** Renders an order for the merchant API. */
export function toOrderView(order: Order): OrderView {
  return {
    order_id: order.orderId,
    customer_order_no: order.customerOrderNo,
    product_id: order.productId,
    product_name: order.productName,
    order_type: order.orderType,
    buy_num: order.buyNum,
    order_price: fromMinor(order.totalMinor),
    order_state: order.state,
    create_time: formatTimestamp(new Date(order.createdAt)),
    finish_time: order.finishedAt === undefined ? '' : formatTimestamp(new Date(order.finishedAt)),
    ...(order.chargeAccount === undefined ? {} : { charge_account: order.chargeAccount }),
    recharge_description: order.description,
    operator_serial_number: order.operatorSerialNumber,
    cards: order.state === 'success' ? order.cards.map((card) => ({ ...card })) : [],
  };
}

/** Renders an order for the admin API and the in-process handle. */
export function toAdminOrderView(order: Order): AdminOrderView {
  return {
    ...toOrderView(order),
    app_key: order.appKey,
    ...(order.notifyUrl === undefined ? {} : { notify_url: order.notifyUrl }),
  };
}
