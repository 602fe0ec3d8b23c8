import type { DeliveryFilter, FaultScope, OrderFilter } from '../admin/sandbox-admin.ts';
import type { CallbackDelivery } from '../callbacks/callback-delivery.ts';
import type { ProductView } from '../catalogue/product-view.ts';
import type { FaultConfig, FaultSettings } from '../faults/fault-settings.ts';
import type { AdminOrderView } from '../state/order-view.ts';
import type { WireFormat } from '../wire/wire-format.ts';

/** A running sandbox: where it listens, the default credentials, and typed in-process admin access. */
export interface SandboxHandle {
  /** Base URL, e.g. `http://127.0.0.1:43125`. */
  url: string;
  /** `POST` endpoint of the merchant API: `${url}/api/gateway`. */
  gatewayUrl: string;
  /** Base of the admin API: `${url}/admin`. */
  adminUrl: string;
  /** The default merchant's app key (`sandbox-app`). */
  appKey: string;
  /** The default merchant's app secret (fixed, see `DEFAULT_APP_SECRET`). */
  appSecret: string;
  /** Token for the admin API (`x-admin-token` header). */
  adminToken: string;
  seed: number;
  timeFactor: number;
  /** Stops listening, closes keep-alive sockets and cancels every timer. */
  close(): Promise<void>;
  /** Back to the seeded start (catalogue, balances, faults, notify URLs); no orders, no deliveries. */
  reset(): void;
  products(): ProductView[];
  orders(filter?: OrderFilter): AdminOrderView[];
  order(orderId: string): AdminOrderView;
  /** Settles an order now (planned outcome unless given) and sends its callback. */
  settle(orderId: string, outcome?: 'success' | 'failed'): AdminOrderView;
  /** Balance in yuan; the default merchant's when no app key is given. */
  balance(appKey?: string): number;
  /**
   * Adds yuan to a balance and returns the new one; a negative amount withdraws, but never below zero
   * (`JX_SANDBOX_AMOUNT_INVALID`). The admin API only accepts positive amounts.
   */
  topUp(appKey: string, amount: number): number;
  deliveries(filter?: DeliveryFilter): CallbackDelivery[];
  /** Resolves once at least `count` deliveries match `filter`; rejects with `JX_SANDBOX_WAIT_TIMEOUT`. */
  waitForDeliveries(
    count: number,
    options?: { filter?: DeliveryFilter; timeoutMs?: number },
  ): Promise<CallbackDelivery[]>;
  faults(): FaultConfig;
  /** Sets (or with `undefined` clears) faults of a scope; `'global'` by default. */
  setFaults(settings: FaultSettings | undefined, scope?: FaultScope): void;
  /** The charset and format of gateway answers and callbacks now. */
  wireFormat(): WireFormat;
  /** Switches them (a missing one is the default, `utf-8` / `json`); reset restores the configured ones. */
  setWireFormat(wire: Partial<WireFormat>): WireFormat;
  /** Sets the notify URL of an app key (the default merchant's when omitted). */
  setNotifyUrl(url: string | undefined, appKey?: string): void;
}
