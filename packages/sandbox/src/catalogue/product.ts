/** What a product is bought for. */
export type ProductCategory = 'game' | 'mobile' | 'video';

/** `card`: the supplier delivers card number + password; `direct`: it tops up an account directly. */
export type ProductType = 'card' | 'direct';

/** A product of the simulated supplier, as held in memory. Prices are integer ten-thousandths. */
export interface Product {
  productId: string;
  name: string;
  category: ProductCategory;
  type: ProductType;
  /** Face value in yuan, e.g. 50. */
  faceValue: number;
  /** Purchase price per unit in ten-thousandths of a yuan. */
  priceMinor: number;
  /** Units left; card products consume one card key per unit. */
  stock: number;
  onShelf: boolean;
}
