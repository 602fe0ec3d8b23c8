import type { CallbackDelivery } from '../callbacks/callback-delivery.ts';
import { toMinor } from '../catalogue/money.ts';
import type { Product } from '../catalogue/product.ts';
import { seedCatalogue } from '../catalogue/seed-catalogue.ts';
import { createSeededRandom, type SeededRandom } from '../catalogue/seeded-random.ts';
import type { FaultConfig } from '../faults/fault-settings.ts';
import { RateLimiter } from '../faults/rate-limiter.ts';
import { DEFAULT_BALANCE, type Merchant, type MerchantConfig } from './merchant.ts';
import type { Order } from './order.ts';

/** Everything the sandbox remembers; rebuilt from the same inputs on reset. */
export class SandboxState {
  products = new Map<string, Product>();
  merchants = new Map<string, Merchant>();
  orders = new Map<string, Order>();
  /** `appKey \0 customer_order_no` → order id: the idempotency index. */
  customerOrders = new Map<string, string>();
  deliveries: CallbackDelivery[] = [];
  faults: FaultConfig = {};
  random: SeededRandom = createSeededRandom(0);
  readonly rateLimiter = new RateLimiter();
  /** Bumped on reset so callbacks still in flight from before are not recorded. */
  generation = 0;
  private orderSequence = 0;

  constructor(
    private readonly seed: number,
    private readonly merchantConfigs: readonly MerchantConfig[],
    private readonly initialFaults: FaultConfig,
  ) {
    this.reset();
  }

  /** Back to the seeded start: catalogue, balances, notify URLs, faults; no orders, no deliveries. */
  reset(): void {
    this.generation += 1;
    this.products = new Map(seedCatalogue(this.seed).map((product) => [product.productId, product]));
    this.merchants = new Map(
      this.merchantConfigs.map((config) => [
        config.appKey,
        {
          appKey: config.appKey,
          appSecret: config.appSecret,
          balanceMinor: toMinor(config.balance ?? DEFAULT_BALANCE),
          ...(config.notifyUrl === undefined ? {} : { notifyUrl: config.notifyUrl }),
        },
      ]),
    );
    this.orders = new Map();
    this.customerOrders = new Map();
    this.deliveries = [];
    this.faults = structuredClone(this.initialFaults);
    this.random = createSeededRandom(this.seed ^ 0x5eed);
    this.rateLimiter.clear();
    this.orderSequence = 0;
  }

  /** A 20-digit order id like the suppliers': UTC+8 `yyMMddHHmmss` then a sequence number. */
  nextOrderId(now: number): string {
    this.orderSequence += 1;
    const shifted = new Date(now + 8 * 3600_000).toISOString();
    const stamp = shifted.slice(2, 19).replace(/[-T:]/g, '');
    return stamp + String(this.orderSequence).padStart(8, '0');
  }

  /** Key of the idempotency index. */
  static customerKey(appKey: string, customerOrderNo: string): string {
    return `${appKey}\u0000${customerOrderNo}`;
  }
}
