import type { SeededRandom } from '../catalogue/seeded-random.ts';
import { encryptCard } from '../crypto/card-cipher.ts';
import { formatTimestamp } from '../crypto/timestamp.ts';
import type { FaultSettings } from '../faults/fault-settings.ts';
import type { DeliveredCard, Order } from '../state/order.ts';
import type { SandboxState } from '../state/sandbox-state.ts';

/** Charge accounts whose direct top-ups always succeed or always fail, whatever else is configured. */
export interface MagicAccounts {
  success: readonly string[];
  fail: readonly string[];
}

/** The built-in magic charge accounts (phone-number shaped, as top-up accounts usually are). */
export const DEFAULT_MAGIC_ACCOUNTS: MagicAccounts = { success: ['18800000000'], fail: ['18800000001'] };

/** How an order will settle: magic account first, then the `settlement` fault, else success. */
export function plannedOutcome(
  order: Order,
  faults: FaultSettings,
  magic: MagicAccounts,
): 'success' | 'failed' {
  if (order.chargeAccount !== undefined) {
    if (magic.fail.includes(order.chargeAccount)) return 'failed';
    if (magic.success.includes(order.chargeAccount)) return 'success';
  }
  return faults.settlement ?? 'success';
}

function digits(random: SeededRandom, count: number): string {
  let text = '';
  for (let i = 0; i < count; i += 1) text += String(random.int(0, 9));
  return text;
}

function makeCards(order: Order, random: SeededRandom, secret: string, now: number): DeliveredCard[] {
  const deadline = formatTimestamp(new Date(now + 365 * 24 * 3600_000));
  return Array.from({ length: order.buyNum }, () => ({
    card_number: encryptCard(`CD${order.productId}${digits(random, 17)}`, secret),
    card_pwd: encryptCard(digits(random, 16), secret),
    card_deadline: deadline,
  }));
}

/**
 * Moves an order to its final state. A failure refunds the balance and returns the stock, so a failed
 * order costs the merchant nothing; a successful card order gets its encrypted cards.
 */
export function settleOrder(
  state: SandboxState,
  order: Order,
  outcome: 'success' | 'failed',
  now: number,
): void {
  if (order.state === 'success' || order.state === 'failed') return;
  const merchant = state.merchants.get(order.appKey);
  order.finishedAt = now;
  if (outcome === 'success') {
    order.state = 'success';
    order.description = '充值成功';
    if (order.orderType === 'card' && merchant) {
      order.cards = makeCards(order, state.random, merchant.appSecret, now);
      order.operatorSerialNumber = '--';
    } else {
      order.operatorSerialNumber = `OP${order.orderId.slice(-12)}`;
    }
    return;
  }
  order.state = 'failed';
  order.description = '充值失败';
  order.operatorSerialNumber = '--';
  if (merchant) merchant.balanceMinor += order.totalMinor;
  const product = state.products.get(order.productId);
  if (product) product.stock += order.buyNum;
}
