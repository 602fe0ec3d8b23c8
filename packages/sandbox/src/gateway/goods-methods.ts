import { fromMinor } from '../catalogue/money.ts';
import type { Product } from '../catalogue/product.ts';
import { toProductView } from '../catalogue/product-view.ts';
import { optionalNumber, optionalString, positiveInt, requireString } from './biz-params.ts';
import { GatewayRefusal } from './gateway-errors.ts';
import type { GatewayMethod, MethodCall } from './method-types.ts';

function findProduct({ core, biz }: MethodCall): Product {
  const productId = requireString(biz, 'product_id');
  const product = core.state.products.get(productId);
  if (!product) throw new GatewayRefusal('productNotFound', `No product has product_id ${productId}.`);
  return product;
}

/** `goods.list.get`: the catalogue, filtered by `category`, `product_type`, `product_name` (substring) and `face_value`. */
export const goodsListGet: GatewayMethod = ({ core, biz }) => {
  const category = optionalString(biz, 'category');
  const type = optionalString(biz, 'product_type');
  if (type !== undefined && type !== 'card' && type !== 'direct') {
    throw new GatewayRefusal('invalidParameter', 'biz_content.product_type must be "card" or "direct".');
  }
  const name = optionalString(biz, 'product_name')?.toLowerCase();
  const faceValue = optionalNumber(biz, 'face_value');
  const products = [...core.state.products.values()].filter(
    (product) =>
      (category === undefined || product.category === category) &&
      (type === undefined || product.type === type) &&
      (name === undefined || product.name.toLowerCase().includes(name)) &&
      (faceValue === undefined || product.faceValue === faceValue),
  );
  return { result: products.map(toProductView) };
};

/** `goods.info.get`: one product by `product_id`. */
export const goodsInfoGet: GatewayMethod = (call) => ({ result: toProductView(findProduct(call)) });

/** `goods.stock.check`: whether `buy_num` (default 1) units of `product_id` can be ordered now. */
export const goodsStockCheck: GatewayMethod = (call) => {
  const product = findProduct(call);
  const buyNum = positiveInt(call.biz, 'buy_num', 1);
  return {
    result: {
      product_id: product.productId,
      buy_num: buyNum,
      stock: product.stock,
      stock_status: product.stock >= buyNum ? 'sufficient' : 'insufficient',
      sales_status: product.onShelf ? 'on_shelf' : 'off_shelf',
    },
  };
};

/** `user.info.get`: the merchant's account and balance. */
export const userInfoGet: GatewayMethod = ({ merchant }) => ({
  result: {
    user_id: merchant.appKey,
    name: `Sandbox merchant ${merchant.appKey}`,
    balance: fromMinor(merchant.balanceMinor),
  },
});
