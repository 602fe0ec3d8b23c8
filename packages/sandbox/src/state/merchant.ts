/** The merchant app key every sandbox starts with; examples use it as is. */
export const DEFAULT_APP_KEY = 'sandbox-app';

/**
 * The fixed secret of {@link DEFAULT_APP_KEY}. It is public on purpose: the sandbox only holds test
 * money. 32 characters, because the card cipher uses the secret as an AES-256 key.
 */
export const DEFAULT_APP_SECRET = '5f2b8c1d9e7a4b3c8d6e0f1a2b3c4d5e';

/** Starting balance of a merchant, in yuan. */
export const DEFAULT_BALANCE = 10_000;

/** A merchant account configured in the sandbox. */
export interface MerchantConfig {
  appKey: string;
  appSecret: string;
  /** Starting balance in yuan; default {@link DEFAULT_BALANCE}. */
  balance?: number;
  /** Where settlement callbacks go when an order names no `notify_url`. */
  notifyUrl?: string;
}

/** A merchant as held in memory; the balance is integer ten-thousandths. */
export interface Merchant {
  appKey: string;
  appSecret: string;
  balanceMinor: number;
  notifyUrl?: string;
}
