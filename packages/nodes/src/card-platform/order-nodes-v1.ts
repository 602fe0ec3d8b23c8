import {
  defineNode,
  type Json,
  type JsonObject,
  JunctionError,
  type NodeContext,
  type NodeTypeDefinition,
} from '@junction/runtime';
import { createOrderSafely } from './create-order-safely.ts';
import { markCreateSent } from './create-sent-marker.ts';
import { toCustomerOrderNo } from './customer-order-no.ts';
import {
  CARD_PLATFORM_CREDENTIALS,
  callOptions,
  gatewayClientOf,
  optionalText,
  pickBiz,
  requiredText,
  TIMEOUT_PROPERTY,
} from './node-support.ts';

const CARD_SCHEMA = {
  type: 'object',
  properties: {
    card_number: { type: 'string' },
    card_pwd: { type: 'string' },
    card_deadline: { type: 'string' },
  },
};

/** The order as the supplier returns it (create and query alike). */
export const ORDER_SCHEMA = {
  type: 'object',
  properties: {
    order_id: { type: 'string' },
    customer_order_no: { type: 'string' },
    product_id: { type: 'string' },
    product_name: { type: 'string' },
    order_type: { type: 'string', enum: ['card', 'direct'] },
    buy_num: { type: 'integer' },
    order_price: { type: 'number' },
    order_state: { type: 'string', enum: ['untreated', 'processing', 'success', 'failed'] },
    create_time: { type: 'string' },
    finish_time: { type: 'string' },
    charge_account: { type: 'string' },
    recharge_description: { type: 'string' },
    operator_serial_number: { type: 'string' },
    cards: { type: 'array', items: CARD_SCHEMA, description: 'Encrypted; use cardPlatform.decryptCards.' },
  },
};

/** Config of the create-order nodes. */
export type CreateOrderConfig = {
  productId: Json;
  buyNum?: Json;
  chargeAccount?: Json;
  customerOrderNo?: Json;
  notifyUrl?: Json;
  confirmWindowMs?: number;
  pollIntervalMs?: number;
  timeoutMs?: number;
};

const CREATE_PROPERTIES = {
  productId: {
    title: 'Product ID',
    description: "The supplier's product_id to order; often an expression.",
    examples: ['10000489', '=product_id'],
  },
  buyNum: {
    title: 'Quantity',
    description: 'How many units to order (buy_num); an adopted existing order must have the same.',
    default: 1,
    examples: [1, '=quantity'],
  },
  customerOrderNo: {
    title: 'Customer order number',
    description:
      "Leave empty to use the run's idempotency key (stable across retries and crashes, so the order is never doubled).",
    examples: ['=order.id'],
  },
  notifyUrl: {
    title: 'Notify URL',
    description: 'Where the supplier posts the order result; usually the Junction callback URL of a channel.',
    examples: ['https://junction.example.com/callbacks/card-orders'],
  },
  confirmWindowMs: {
    type: 'integer',
    title: 'Confirm window (ms)',
    description:
      'After a timeout or dropped connection, how long to keep querying the order before giving up.',
    default: 5_000,
    minimum: 0,
    maximum: 120_000,
  },
  pollIntervalMs: {
    type: 'integer',
    title: 'Query interval (ms)',
    description: 'How often the order is queried during the confirm window.',
    default: 250,
    minimum: 10,
    maximum: 10_000,
  },
  timeoutMs: TIMEOUT_PROPERTY,
};

function createOrderNode(kind: 'card' | 'direct'): NodeTypeDefinition<CreateOrderConfig> {
  const method = kind === 'card' ? 'order.card.add' : 'order.direct.add';
  return defineNode<CreateOrderConfig>({
    type: kind === 'card' ? 'cardPlatform.createCardOrder' : 'cardPlatform.createDirectOrder',
    version: 1,
    title: kind === 'card' ? 'Card platform: buy card keys' : 'Card platform: direct top-up',
    category: 'integration',
    description:
      kind === 'card'
        ? 'Order card keys; never doubled, even across timeouts, retries and crashes.'
        : 'Top up an account directly; never doubled, even across timeouts, retries and crashes.',
    icon: kind === 'card' ? '🎟️' : '📲',
    inputs: ['in'],
    outputs: ['out', 'error'],
    credentials: CARD_PLATFORM_CREDENTIALS,
    config: {
      type: 'object',
      required: kind === 'card' ? ['productId'] : ['productId', 'chargeAccount'],
      additionalProperties: false,
      properties:
        kind === 'card'
          ? CREATE_PROPERTIES
          : {
              ...CREATE_PROPERTIES,
              chargeAccount: {
                title: 'Account to top up',
                description: 'Phone number, game account or membership id.',
                examples: ['13800138000', '=account'],
              },
            },
    },
    outputSchema: { out: ORDER_SCHEMA },
    async run(ctx) {
      const biz = {
        product_id: requiredText(ctx.config, 'productId'),
        customer_order_no: customerOrderNoOf(ctx),
        ...pickBiz(ctx.config, { buyNum: 'buy_num', notifyUrl: 'notify_url' }),
        ...(kind === 'direct' ? { charge_account: requiredText(ctx.config, 'chargeAccount') } : {}),
      };
      const client = gatewayClientOf(ctx);
      const sentBefore = await markCreateSent(ctx.kv, ctx.idempotencyKey, biz.customer_order_no);
      const { order, recovered } = await createOrderSafely(client, method, biz, {
        ...callOptions(ctx),
        sentBefore,
        confirmWindowMs: ctx.config.confirmWindowMs ?? 5_000,
        pollIntervalMs: ctx.config.pollIntervalMs ?? 250,
        log: ctx.log,
      });
      if (recovered) ctx.log.info('order confirmed by query', { customer_order_no: biz.customer_order_no });
      return { out: order };
    },
  });
}

function customerOrderNoOf(ctx: NodeContext<CreateOrderConfig>): string {
  const configured = optionalText(ctx.config as JsonObject, 'customerOrderNo');
  return configured ?? toCustomerOrderNo(ctx.idempotencyKey);
}

/** `cardPlatform.createCardOrder` (`order.card.add`). */
export const createCardOrderNode = createOrderNode('card');

/** `cardPlatform.createDirectOrder` (`order.direct.add`). */
export const createDirectOrderNode = createOrderNode('direct');

/** Config of `cardPlatform.queryOrder`. */
export type QueryOrderConfig = { customerOrderNo?: Json; orderId?: Json; timeoutMs?: number };

/** `cardPlatform.queryOrder` (`order.info.get`): an order's state (and encrypted cards once it succeeded). */
export const queryOrderNode = defineNode<QueryOrderConfig>({
  type: 'cardPlatform.queryOrder',
  version: 1,
  sideEffects: false,
  title: 'Card platform: query order',
  category: 'integration',
  description: 'Read an order by customer order number or supplier order id.',
  icon: '🔎',
  inputs: ['in'],
  outputs: ['out', 'error'],
  credentials: CARD_PLATFORM_CREDENTIALS,
  config: {
    type: 'object',
    additionalProperties: false,
    properties: {
      customerOrderNo: {
        title: 'Customer order number',
        description: 'The number the order was created with (customer_order_no); usually an expression.',
        examples: ['=customer_order_no'],
      },
      orderId: { title: 'Supplier order id', description: 'Used when no customer order number is given.' },
      timeoutMs: TIMEOUT_PROPERTY,
    },
  },
  outputSchema: { out: ORDER_SCHEMA },
  async run(ctx) {
    const biz = pickBiz(ctx.config, { customerOrderNo: 'customer_order_no', orderId: 'order_id' });
    if (Object.keys(biz).length === 0) {
      throw new JunctionError('JX_INPUT_INVALID', 'customerOrderNo or orderId must be given, got neither.', {
        field: 'customerOrderNo',
        retryable: false,
      });
    }
    return { out: await gatewayClientOf(ctx).call('order.info.get', biz, callOptions(ctx)) };
  },
});
