import { goodsInfoGet, goodsListGet, goodsStockCheck, userInfoGet } from './goods-methods.ts';
import type { GatewayMethod } from './method-types.ts';
import { orderCardAdd, orderDirectAdd, orderInfoGet } from './order-methods.ts';

/** Every gateway method by name. */
export const GATEWAY_METHODS: ReadonlyMap<string, GatewayMethod> = new Map([
  ['goods.list.get', goodsListGet],
  ['goods.info.get', goodsInfoGet],
  ['goods.stock.check', goodsStockCheck],
  ['user.info.get', userInfoGet],
  ['order.card.add', orderCardAdd],
  ['order.direct.add', orderDirectAdd],
  ['order.info.get', orderInfoGet],
]);
