import { CallbackDispatcher, DEFAULT_CALLBACK_SCHEDULE_MS } from '../callbacks/callback-dispatcher.ts';
import type { SandboxConfig } from '../config/sandbox-config.ts';
import { type FaultSettings, resolveFaults } from '../faults/fault-settings.ts';
import { type CreateOrderInput, createOrder } from '../orders/create-order.ts';
import {
  DEFAULT_MAGIC_ACCOUNTS,
  type MagicAccounts,
  plannedOutcome,
  settleOrder,
} from '../orders/settle-order.ts';
import {
  DEFAULT_APP_KEY,
  DEFAULT_APP_SECRET,
  type Merchant,
  type MerchantConfig,
} from '../state/merchant.ts';
import type { Order } from '../state/order.ts';
import { SandboxState } from '../state/sandbox-state.ts';
import { Scheduler } from '../state/scheduler.ts';
import { parseWireFormat, type WireFormat } from '../wire/wire-format.ts';

/** Options of the HTTP-free core. */
export interface SandboxCoreOptions {
  seed: number;
  timeFactor: number;
  config: SandboxConfig;
}

/** An order just accepted, and what the create call must do before answering. */
export interface AcceptedOrder {
  order: Order;
  /** Resolves once an early callback (fault `callbackBeforeResponse`) has been attempted. */
  beforeAnswer?: Promise<void>;
}

/**
 * The simulated supplier without HTTP: state, order life cycle and callbacks. The gateway and admin
 * routers and the in-process handle are thin layers over it.
 */
export class SandboxCore {
  readonly state: SandboxState;
  readonly scheduler: Scheduler;
  readonly callbacks: CallbackDispatcher;
  readonly magic: MagicAccounts;
  readonly timestampToleranceMs: number;
  /** Errors from timers and callbacks; kept for inspection rather than logged, since nothing should fail there. */
  readonly backgroundErrors: unknown[] = [];
  /** Charset and format of gateway answers and callbacks now; the admin API changes it, reset restores it. */
  wire: WireFormat;
  private readonly configuredWire: WireFormat;
  private readonly processingDelayMs: number;
  private readonly settleDelayMs: number;

  constructor(options: SandboxCoreOptions) {
    const { config } = options;
    const merchants: MerchantConfig[] = [
      { appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET },
      ...(config.merchants ?? []),
    ];
    const unique = new Map(merchants.map((merchant) => [merchant.appKey, merchant]));
    this.state = new SandboxState(options.seed, [...unique.values()], config.faults ?? {});
    this.scheduler = new Scheduler(options.timeFactor, (error) => this.backgroundErrors.push(error));
    this.configuredWire = parseWireFormat(
      { charset: config.charset, format: config.format },
      'sandbox config',
    );
    this.wire = this.configuredWire;
    this.callbacks = new CallbackDispatcher({
      state: this.state,
      wire: () => this.wire,
      scheduler: this.scheduler,
      scheduleMs: config.callbackScheduleMs ?? DEFAULT_CALLBACK_SCHEDULE_MS,
      timeoutMs: config.callbackTimeoutMs ?? 5000,
    });
    this.magic = {
      success: [...DEFAULT_MAGIC_ACCOUNTS.success, ...(config.magicAccounts?.success ?? [])],
      fail: [...DEFAULT_MAGIC_ACCOUNTS.fail, ...(config.magicAccounts?.fail ?? [])],
    };
    this.timestampToleranceMs = config.timestampToleranceMs ?? 5 * 60_000;
    this.processingDelayMs = config.processingDelayMs ?? 200;
    this.settleDelayMs = config.settleDelayMs ?? 2000;
  }

  /** The effective faults for an app key and, when known, a product. */
  faultsFor(appKey: string, productId?: string): FaultSettings {
    return resolveFaults(this.state.faults, appKey, productId);
  }

  /** Accepts an order (or throws a `GatewayRefusal`) and schedules its settlement and callback. */
  acceptOrder(merchant: Merchant, input: CreateOrderInput): AcceptedOrder {
    const order = createOrder(this.state, merchant, input, Date.now());
    const faults = this.faultsFor(merchant.appKey, order.productId);
    const outcome = plannedOutcome(order, faults, this.magic);
    if (faults.callbackBeforeResponse) {
      // Keep what the create call answers as it was at acceptance, as a slow supplier would.
      const accepted = { ...order };
      settleOrder(this.state, order, outcome, Date.now());
      return { order: accepted, beforeAnswer: this.callbacks.dispatch(order, faults) };
    }
    const generation = this.state.generation;
    this.scheduler.after(this.processingDelayMs, () => {
      if (generation !== this.state.generation || order.state !== 'untreated') return;
      order.state = 'processing';
      // A snapshot: the notice says what the order was when it was sent.
      if (faults.callbackBeforeSettlement) void this.callbacks.dispatch({ ...order }, faults);
    });
    this.scheduler.after(this.settleDelayMs, () => {
      if (generation === this.state.generation) this.settle(order, outcome);
    });
    return { order };
  }

  /** Settles an order now (also used by the admin API to skip the wait) and sends its callback. */
  settle(order: Order, outcome: 'success' | 'failed'): void {
    if (order.state === 'success' || order.state === 'failed') return;
    settleOrder(this.state, order, outcome, Date.now());
    void this.callbacks.dispatch(order, this.faultsFor(order.appKey, order.productId));
  }

  /** Back to the seeded start (and the configured wire format) and cancels every timer. */
  reset(): void {
    this.wire = this.configuredWire;
    this.scheduler.clear();
    this.callbacks.clear();
    this.state.reset();
  }

  /** Stops timers and closes callback sockets. */
  close(): void {
    this.scheduler.close();
    this.callbacks.close();
  }
}
