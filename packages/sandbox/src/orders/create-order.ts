import type { ProductType } from '../catalogue/product.ts';
import { GatewayRefusal } from '../gateway/gateway-errors.ts';
import type { Merchant } from '../state/merchant.ts';
import type { Order } from '../state/order.ts';
import { SandboxState } from '../state/sandbox-state.ts';

/** What an `order.*.add` call asks for, after parameter parsing. */
export interface CreateOrderInput {
  kind: ProductType;
  productId: string;
  buyNum: number;
  customerOrderNo: string;
  chargeAccount?: string;
  notifyUrl?: string;
}

/**
 * Accepts an order: refuses a reused `customer_order_no` before anything else (so a repeat can never
 * charge twice), then checks product, shelf, stock and balance, debits the balance and reserves stock.
 */
export function createOrder(
  state: SandboxState,
  merchant: Merchant,
  input: CreateOrderInput,
  now: number,
): Order {
  const key = SandboxState.customerKey(merchant.appKey, input.customerOrderNo);
  const existing = state.customerOrders.get(key);
  if (existing !== undefined) {
    throw new GatewayRefusal(
      'duplicateOrder',
      `customer_order_no ${input.customerOrderNo} belongs to order ${existing}; query it with order.info.get instead of creating it again.`,
    );
  }
  const product = state.products.get(input.productId);
  if (!product) throw new GatewayRefusal('productNotFound', `No product has product_id ${input.productId}.`);
  if (product.type !== input.kind) {
    const method = product.type === 'card' ? 'order.card.add' : 'order.direct.add';
    throw new GatewayRefusal(
      'wrongProductType',
      `Product ${product.productId} is a ${product.type} product; use ${method}.`,
    );
  }
  if (!product.onShelf)
    throw new GatewayRefusal('productOffShelf', `Product ${product.productId} cannot be ordered now.`);
  if (product.stock < input.buyNum) {
    throw new GatewayRefusal(
      'outOfStock',
      `Product ${product.productId} has ${product.stock} left, ${input.buyNum} asked.`,
    );
  }
  const totalMinor = product.priceMinor * input.buyNum;
  if (merchant.balanceMinor < totalMinor) {
    throw new GatewayRefusal(
      'insufficientBalance',
      'Top up the balance through the admin API or order less.',
    );
  }

  merchant.balanceMinor -= totalMinor;
  product.stock -= input.buyNum;
  const order: Order = {
    orderId: state.nextOrderId(now),
    appKey: merchant.appKey,
    customerOrderNo: input.customerOrderNo,
    productId: product.productId,
    productName: product.name,
    orderType: product.type,
    buyNum: input.buyNum,
    unitPriceMinor: product.priceMinor,
    totalMinor,
    ...(input.chargeAccount === undefined ? {} : { chargeAccount: input.chargeAccount }),
    ...(input.notifyUrl === undefined ? {} : { notifyUrl: input.notifyUrl }),
    state: 'untreated',
    createdAt: now,
    description: '',
    operatorSerialNumber: '',
    cards: [],
  };
  state.orders.set(order.orderId, order);
  state.customerOrders.set(key, order.orderId);
  return order;
}
