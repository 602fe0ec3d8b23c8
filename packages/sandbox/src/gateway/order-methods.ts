import type { ProductType } from '../catalogue/product.ts';
import { toOrderView } from '../state/order-view.ts';
import { SandboxState } from '../state/sandbox-state.ts';
import { optionalString, optionalUrl, positiveInt, requireString } from './biz-params.ts';
import { GatewayRefusal } from './gateway-errors.ts';
import type { GatewayMethod, MethodCall, MethodOutcome } from './method-types.ts';

function addOrder(call: MethodCall, kind: ProductType): MethodOutcome {
  const { biz, core, merchant, faults } = call;
  const chargeAccount = kind === 'direct' ? requireString(biz, 'charge_account') : undefined;
  const notifyUrl = optionalUrl(biz, 'notify_url');
  const accepted = core.acceptOrder(merchant, {
    kind,
    productId: requireString(biz, 'product_id'),
    customerOrderNo: requireString(biz, 'customer_order_no'),
    buyNum: positiveInt(biz, 'buy_num', 1),
    ...(chargeAccount === undefined ? {} : { chargeAccount }),
    ...(notifyUrl === undefined ? {} : { notifyUrl }),
  });
  return {
    result: toOrderView(accepted.order),
    ...(faults.dropAfterAccept ? { dropConnection: true } : {}),
    ...(accepted.beforeAnswer ? { beforeAnswer: accepted.beforeAnswer } : {}),
  };
}

/** `order.card.add`: buy `buy_num` card keys of a card product. */
export const orderCardAdd: GatewayMethod = (call) => addOrder(call, 'card');

/** `order.direct.add`: top up `charge_account` with a direct product. */
export const orderDirectAdd: GatewayMethod = (call) => addOrder(call, 'direct');

/** `order.info.get`: an order by `customer_order_no` (or `order_id`), with cards once it succeeded. */
export const orderInfoGet: GatewayMethod = ({ core, merchant, biz, now }) => {
  const customerOrderNo = optionalString(biz, 'customer_order_no');
  const orderId = optionalString(biz, 'order_id');
  if (customerOrderNo === undefined && orderId === undefined) {
    throw new GatewayRefusal('missingParameter', 'biz_content.customer_order_no (or order_id) is required.');
  }
  const id =
    customerOrderNo === undefined
      ? orderId
      : core.state.customerOrders.get(SandboxState.customerKey(merchant.appKey, customerOrderNo));
  const order = id === undefined ? undefined : core.state.orders.get(id);
  // The fault may be set on the order's product, which this call does not name.
  const hideMs =
    order === undefined ? undefined : core.faultsFor(merchant.appKey, order.productId).orderNotFoundMs;
  const hidden =
    order !== undefined && hideMs !== undefined && now - order.createdAt < core.scheduler.scale(hideMs);
  // Another merchant's order is "not found", never disclosed.
  if (!order || order.appKey !== merchant.appKey || hidden) {
    throw new GatewayRefusal('orderNotFound', `No order ${customerOrderNo ?? orderId} for this app_key.`);
  }
  return { result: toOrderView(order) };
};
