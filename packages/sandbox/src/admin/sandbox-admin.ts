import { JunctionError } from '@junction/runtime';
import type { CallbackDelivery } from '../callbacks/callback-delivery.ts';
import { fromMinor, toMinor } from '../catalogue/money.ts';
import { type ProductView, toProductView } from '../catalogue/product-view.ts';
import type { SandboxCore } from '../core/sandbox-core.ts';
import type { FaultConfig, FaultSettings } from '../faults/fault-settings.ts';
import { parseFaultConfig, parseFaultSettings } from '../faults/parse-fault-settings.ts';
import { plannedOutcome } from '../orders/settle-order.ts';
import type { Merchant } from '../state/merchant.ts';
import { type AdminOrderView, toAdminOrderView } from '../state/order-view.ts';
import { parseWireFormat, type WireFormat } from '../wire/wire-format.ts';

/** Filters for {@link SandboxAdmin.orders}. */
export interface OrderFilter {
  appKey?: string;
  customerOrderNo?: string;
}

/** Filters for {@link SandboxAdmin.deliveries}. */
export interface DeliveryFilter {
  appKey?: string;
  orderId?: string;
  customerOrderNo?: string;
}

/** Where a fault setting applies: everywhere, to one app key, or to one product. */
export type FaultScope = { appKey: string } | { productId: string } | 'global';

/** A merchant as the admin API lists it: never with its secret. */
export interface MerchantView {
  app_key: string;
  balance: number;
  notify_url?: string;
}

/**
 * The admin operations (reset, inspect, top up, faults, notify URLs), shared by the `/admin` HTTP API
 * and the in-process handle so both behave the same.
 */
export class SandboxAdmin {
  constructor(private readonly core: SandboxCore) {}

  /** Back to the seeded start: catalogue, balances, faults and notify URLs as configured; no orders. */
  reset(): void {
    this.core.reset();
  }

  /** The catalogue as `goods.list.get` shows it. */
  products(): ProductView[] {
    return [...this.core.state.products.values()].map(toProductView);
  }

  /** Every order, oldest first. */
  orders(filter: OrderFilter = {}): AdminOrderView[] {
    return [...this.core.state.orders.values()]
      .filter((order) => filter.appKey === undefined || order.appKey === filter.appKey)
      .filter(
        (order) => filter.customerOrderNo === undefined || order.customerOrderNo === filter.customerOrderNo,
      )
      .map(toAdminOrderView);
  }

  /** One order by its supplier order id. */
  order(orderId: string): AdminOrderView {
    const order = this.core.state.orders.get(orderId);
    if (!order)
      throw new JunctionError('JX_SANDBOX_ORDER_NOT_FOUND', `No order ${orderId} exists in the sandbox.`, {
        orderId,
      });
    return toAdminOrderView(order);
  }

  /** Settles an order now instead of waiting, with its planned outcome unless one is given. */
  settle(orderId: string, outcome?: 'success' | 'failed'): AdminOrderView {
    const order = this.core.state.orders.get(orderId);
    if (!order)
      throw new JunctionError('JX_SANDBOX_ORDER_NOT_FOUND', `No order ${orderId} exists in the sandbox.`, {
        orderId,
      });
    const faults = this.core.faultsFor(order.appKey, order.productId);
    this.core.settle(order, outcome ?? plannedOutcome(order, faults, this.core.magic));
    return toAdminOrderView(order);
  }

  /** Merchants with balances and notify URLs (never secrets). */
  merchants(): MerchantView[] {
    return [...this.core.state.merchants.values()].map((merchant) => ({
      app_key: merchant.appKey,
      balance: fromMinor(merchant.balanceMinor),
      ...(merchant.notifyUrl === undefined ? {} : { notify_url: merchant.notifyUrl }),
    }));
  }

  /** A merchant's balance in yuan. */
  balance(appKey: string): number {
    return fromMinor(this.merchant(appKey).balanceMinor);
  }

  /**
   * Adds `amount` yuan (negative to withdraw, down to zero at most: no supplier lets a prepaid
   * balance go negative) and returns the new balance.
   */
  topUp(appKey: string, amount: number): number {
    if (!Number.isFinite(amount)) {
      throw new JunctionError(
        'JX_SANDBOX_AMOUNT_INVALID',
        'The top-up amount must be a finite number of yuan.',
        { appKey },
      );
    }
    const merchant = this.merchant(appKey);
    const balanceMinor = merchant.balanceMinor + toMinor(amount);
    if (balanceMinor < 0) {
      throw new JunctionError(
        'JX_SANDBOX_AMOUNT_INVALID',
        `Withdrawing ${-amount} would leave ${appKey} with a negative balance; it has ${fromMinor(merchant.balanceMinor)}.`,
        { appKey, amount, balance: fromMinor(merchant.balanceMinor) },
      );
    }
    merchant.balanceMinor = balanceMinor;
    return fromMinor(balanceMinor);
  }

  /** Recorded callback attempts, oldest first. */
  deliveries(filter: DeliveryFilter = {}): CallbackDelivery[] {
    return this.core.state.deliveries.filter(
      (delivery) =>
        (filter.appKey === undefined || delivery.appKey === filter.appKey) &&
        (filter.orderId === undefined || delivery.orderId === filter.orderId) &&
        (filter.customerOrderNo === undefined || delivery.customerOrderNo === filter.customerOrderNo),
    );
  }

  /** The fault configuration in force. */
  faults(): FaultConfig {
    return structuredClone(this.core.state.faults);
  }

  /** Replaces the fault settings of one scope; `undefined` removes them. */
  setFaults(scope: FaultScope, settings: FaultSettings | undefined): void {
    const checked = settings === undefined ? undefined : parseFaultSettings(settings);
    const faults = this.core.state.faults;
    if (scope === 'global') {
      if (checked) faults.global = checked;
      else delete faults.global;
      return;
    }
    const [key, id] =
      'appKey' in scope ? (['appKeys', scope.appKey] as const) : (['products', scope.productId] as const);
    const scoped = faults[key] ?? {};
    faults[key] = scoped;
    if (checked) scoped[id] = checked;
    else delete scoped[id];
  }

  /** Replaces the whole fault configuration. */
  replaceFaults(config: FaultConfig): void {
    this.core.state.faults = parseFaultConfig(config);
  }

  /** The charset and format gateway answers and callbacks are sent in now. */
  wireFormat(): WireFormat {
    return { ...this.core.wire };
  }

  /**
   * Switches the charset and format of answers and callbacks (a missing one is the default:
   * `utf-8`, `json`); callbacks already dispatched keep theirs. Reset restores the configured ones.
   */
  setWireFormat(value: unknown): WireFormat {
    this.core.wire = parseWireFormat(value);
    return this.wireFormat();
  }

  /** Sets (or with `undefined` clears) where an app key's callbacks go when an order names no notify URL. */
  setNotifyUrl(appKey: string, url: string | undefined): void {
    const merchant = this.merchant(appKey);
    if (url === undefined) {
      delete merchant.notifyUrl;
      return;
    }
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new JunctionError(
        'JX_SANDBOX_URL_INVALID',
        `The notify URL must be an http(s) URL, got "${url}".`,
        { appKey },
      );
    }
    merchant.notifyUrl = url;
  }

  private merchant(appKey: string): Merchant {
    const merchant = this.core.state.merchants.get(appKey);
    if (!merchant) {
      throw new JunctionError(
        'JX_SANDBOX_MERCHANT_NOT_FOUND',
        `No merchant has app key ${appKey}; configure it under merchants.`,
        {
          appKey,
        },
      );
    }
    return merchant;
  }
}
