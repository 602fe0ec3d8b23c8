import { defineNode, type Json } from '@junction/runtime';
import {
  CARD_PLATFORM_CREDENTIALS,
  callOptions,
  gatewayClientOf,
  pickBiz,
  requiredText,
  TIMEOUT_PROPERTY,
} from './node-support.ts';

const option = (value: string, title: string) => ({ const: value, title });

const PRODUCT_ID = {
  title: 'Product ID',
  description: "The supplier's product_id; often an expression.",
  examples: ['10000489', '=product_id'],
};

const PRODUCT_SCHEMA = {
  type: 'object',
  properties: {
    product_id: { type: 'string' },
    product_name: { type: 'string' },
    category: { type: 'string' },
    product_type: { type: 'string', enum: ['card', 'direct'] },
    face_value: { type: 'number' },
    purchase_price: { type: 'number' },
    stock: { type: 'integer' },
    stock_status: { type: 'string' },
    sales_status: { type: 'string' },
  },
};

/** Config of `cardPlatform.listProducts`. */
export type ListProductsConfig = {
  category?: string;
  productType?: string;
  productName?: string;
  faceValue?: Json;
  timeoutMs?: number;
};

/** `cardPlatform.listProducts` (`goods.list.get`): the catalogue, optionally filtered. */
export const listProductsNode = defineNode<ListProductsConfig>({
  type: 'cardPlatform.listProducts',
  version: 1,
  sideEffects: false,
  title: 'Card platform: list products',
  category: 'integration',
  description: "List the supplier's products (for a product sync).",
  icon: '🗂️',
  inputs: ['in'],
  outputs: ['out', 'error'],
  credentials: CARD_PLATFORM_CREDENTIALS,
  config: {
    type: 'object',
    additionalProperties: false,
    properties: {
      category: {
        type: 'string',
        title: 'Category',
        description: 'Only products of this supplier category; empty lists every category.',
        examples: ['game', 'mobile', 'video'],
      },
      productType: {
        title: 'Product type',
        description:
          'Card keys (delivered as codes) or direct top-ups (charged to an account); empty lists both.',
        oneOf: [option('', 'Any'), option('card', 'Card keys'), option('direct', 'Direct top-up')],
        default: '',
      },
      productName: {
        type: 'string',
        title: 'Name contains',
        description: 'Only products whose name contains this text.',
        examples: ['Steam'],
      },
      faceValue: {
        title: 'Face value',
        description: 'Only products of this face value (a number, or an expression).',
        examples: [50, '=face_value'],
      },
      timeoutMs: TIMEOUT_PROPERTY,
    },
  },
  outputSchema: { out: { type: 'array', items: PRODUCT_SCHEMA } },
  async run(ctx) {
    const biz = pickBiz(ctx.config, {
      category: 'category',
      productType: 'product_type',
      productName: 'product_name',
      faceValue: 'face_value',
    });
    return { out: await gatewayClientOf(ctx).call('goods.list.get', biz, callOptions(ctx)) };
  },
});

/** Config of `cardPlatform.productInfo`. */
export type ProductInfoConfig = { productId: Json; timeoutMs?: number };

/** `cardPlatform.productInfo` (`goods.info.get`): one product. */
export const productInfoNode = defineNode<ProductInfoConfig>({
  type: 'cardPlatform.productInfo',
  version: 1,
  sideEffects: false,
  title: 'Card platform: product info',
  category: 'integration',
  description: 'Read one product: price, stock, shelf status.',
  icon: '🏷️',
  inputs: ['in'],
  outputs: ['out', 'error'],
  credentials: CARD_PLATFORM_CREDENTIALS,
  config: {
    type: 'object',
    required: ['productId'],
    additionalProperties: false,
    properties: { productId: PRODUCT_ID, timeoutMs: TIMEOUT_PROPERTY },
  },
  outputSchema: { out: PRODUCT_SCHEMA },
  async run(ctx) {
    const biz = { product_id: requiredText(ctx.config, 'productId') };
    return { out: await gatewayClientOf(ctx).call('goods.info.get', biz, callOptions(ctx)) };
  },
});

/** Config of `cardPlatform.checkStock`. */
export type CheckStockConfig = { productId: Json; buyNum?: Json; timeoutMs?: number };

/** `cardPlatform.checkStock` (`goods.stock.check`): whether `buyNum` units can be ordered now. */
export const checkStockNode = defineNode<CheckStockConfig>({
  type: 'cardPlatform.checkStock',
  version: 1,
  sideEffects: false,
  title: 'Card platform: check stock',
  category: 'integration',
  description: 'Check that a product is on shelf with enough stock before ordering.',
  icon: '📦',
  inputs: ['in'],
  outputs: ['out', 'error'],
  credentials: CARD_PLATFORM_CREDENTIALS,
  config: {
    type: 'object',
    required: ['productId'],
    additionalProperties: false,
    properties: {
      productId: PRODUCT_ID,
      buyNum: {
        title: 'Quantity',
        description: 'How many units must be in stock; may be an expression.',
        default: 1,
        examples: [1, '=quantity'],
      },
      timeoutMs: TIMEOUT_PROPERTY,
    },
  },
  outputSchema: {
    out: {
      type: 'object',
      properties: {
        product_id: { type: 'string' },
        buy_num: { type: 'integer' },
        stock: { type: 'integer' },
        stock_status: { type: 'string', enum: ['sufficient', 'insufficient'] },
        sales_status: { type: 'string', enum: ['on_shelf', 'off_shelf'] },
      },
    },
  },
  async run(ctx) {
    const biz = {
      product_id: requiredText(ctx.config, 'productId'),
      ...pickBiz(ctx.config, { buyNum: 'buy_num' }),
    };
    return { out: await gatewayClientOf(ctx).call('goods.stock.check', biz, callOptions(ctx)) };
  },
});

/** Config of `cardPlatform.balance`. */
export type BalanceConfig = { timeoutMs?: number };

/** `cardPlatform.balance` (`user.info.get`): the merchant account's balance. */
export const balanceNode = defineNode<BalanceConfig>({
  type: 'cardPlatform.balance',
  version: 1,
  sideEffects: false,
  title: 'Card platform: balance',
  category: 'integration',
  description: 'Read the account balance (e.g. to alert before it runs out).',
  icon: '💰',
  inputs: ['in'],
  outputs: ['out', 'error'],
  credentials: CARD_PLATFORM_CREDENTIALS,
  config: { type: 'object', additionalProperties: false, properties: { timeoutMs: TIMEOUT_PROPERTY } },
  outputSchema: {
    out: {
      type: 'object',
      properties: { user_id: { type: 'string' }, name: { type: 'string' }, balance: { type: 'number' } },
    },
  },
  async run(ctx) {
    return { out: await gatewayClientOf(ctx).call('user.info.get', {}, callOptions(ctx)) };
  },
});
