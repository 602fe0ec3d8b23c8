import type { NodeTypeDefinition } from '@junction/runtime';
import { callbackAwaitNode } from './callback/v1.ts';
import {
  balanceNode,
  checkStockNode,
  listProductsNode,
  productInfoNode,
} from './card-platform/catalogue-nodes-v1.ts';
import { decryptCardsNode } from './card-platform/decrypt-cards-v1.ts';
import {
  createCardOrderNode,
  createDirectOrderNode,
  queryOrderNode,
} from './card-platform/order-nodes-v1.ts';
import { codeJsNode } from './code/v1.ts';
import { httpRequestNode } from './http/request/v1.ts';
import { payloadDecryptNode } from './payload-crypto/decrypt-node-v1.ts';

/** The integration node types: HTTP, the card-platform connector, payload.decrypt, callback.await and code.js. */
// biome-ignore lint/suspicious/noExplicitAny: each definition keeps its own config type
export const integrationNodes: NodeTypeDefinition<any>[] = [
  httpRequestNode,
  listProductsNode,
  productInfoNode,
  checkStockNode,
  balanceNode,
  createCardOrderNode,
  createDirectOrderNode,
  queryOrderNode,
  decryptCardsNode,
  payloadDecryptNode,
  callbackAwaitNode,
  codeJsNode,
];
