import type { ProductType } from '../catalogue/product.ts';

/** Life of an order at the supplier. */
export type OrderState = 'untreated' | 'processing' | 'success' | 'failed';

/** One delivered card; number and password are already encrypted with the merchant's secret. */
export interface DeliveredCard {
  card_number: string;
  card_pwd: string;
  card_deadline: string;
}

/** An order as held in memory. */
export interface Order {
  orderId: string;
  appKey: string;
  customerOrderNo: string;
  productId: string;
  productName: string;
  orderType: ProductType;
  buyNum: number;
  unitPriceMinor: number;
  totalMinor: number;
  chargeAccount?: string;
  notifyUrl?: string;
  state: OrderState;
  /** Epoch ms. */
  createdAt: number;
  finishedAt?: number;
  description: string;
  operatorSerialNumber: string;
  cards: DeliveredCard[];
}
