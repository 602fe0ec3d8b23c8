import { fromMinor } from './money.ts';
import type { Product } from './product.ts';

/** A product as the goods methods return it. */
export interface ProductView {
  product_id: string;
  product_name: string;
  category: Product['category'];
  product_type: Product['type'];
  face_value: number;
  /** Price per unit in yuan. */
  purchase_price: number;
  stock: number;
  stock_status: 'in_stock' | 'out_of_stock';
  sales_status: 'on_shelf' | 'off_shelf';
}

/** Renders a product for the merchant API. */
export function toProductView(product: Product): ProductView {
  return {
    product_id: product.productId,
    product_name: product.name,
    category: product.category,
    product_type: product.type,
    face_value: product.faceValue,
    purchase_price: fromMinor(product.priceMinor),
    stock: product.stock,
    stock_status: product.stock > 0 ? 'in_stock' : 'out_of_stock',
    sales_status: product.onShelf ? 'on_shelf' : 'off_shelf',
  };
}
