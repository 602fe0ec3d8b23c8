import type { SandboxHandle } from '@junction/sandbox';
import type { ProcessExit } from '@junction/server/testing';
import type { OutageWindow } from './fault-driver.ts';
import type { OrderAttempt, PlacedOrder } from './order-traffic.ts';
import { isFinished, type StoredRun } from './read-state.ts';

/** Everything the checks read: the shop's view, the store's, the supplier's and the harness's. */
export interface ChaosEvidence {
  orders: PlacedOrder[];
  runs: StoredRun[];
  sandbox: SandboxHandle;
  balanceBefore: number;
  windows: OutageWindow[];
  exits: ProcessExit[];
  /** Outages after which a callback must be acknowledged within {@link ACK_WITHIN_MS}. */
  ackAfter: readonly string[];
}

/** One broken invariant, with the evidence to reproduce it. */
export interface Violation {
  invariant: string;
  detail: string;
}

/** The figures of one chaos run. */
export interface ChaosFigures {
  orders: number;
  accepted: number;
  unanswered: number;
  duplicatesPosted: number;
  kills: Record<string, number>;
  faults: Record<string, number>;
  stuck: number;
  unfinished: number;
  lost: number;
  doubled: number;
  selfExits: number;
  replayMismatches: number;
  fiveXxByCode: Record<string, number>;
  badAnswers: number;
  ackP50Ms: number;
  ackP99Ms: number;
  unacknowledged: number;
  lateAcks: number;
}

export const ACK_WITHIN_MS = 5_000;
const INFRA_GRACE_MS = 5_000;
const CENTS = 10_000;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function codeOf(attempt: OrderAttempt): string | undefined {
  const body = attempt.body;
  if (body && typeof body.error?.code === 'string' && typeof body.error?.message === 'string')
    return body.error.code;
  // The flow's own refusals (`flow.respond`) carry a `JX_USER_` code at the top level by contract.
  if (body && typeof body.code === 'string' && body.code.startsWith('JX_USER_')) return body.code;
  return undefined;
}

function overlaps(attempt: OrderAttempt, windows: OutageWindow[], grace: number): boolean {
  return windows.some((w) => attempt.startedAt <= w.end + grace && attempt.endedAt >= w.start);
}

function count<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Checks every invariant of the scale-out kill test; returns the figures and what broke. */
export function checkInvariants(evidence: ChaosEvidence): { figures: ChaosFigures; violations: Violation[] } {
  const { orders, runs, sandbox, windows } = evidence;
  const violations: Violation[] = [];
  const fail = (invariant: string, detail: string) => violations.push({ invariant, detail });
  const infra = windows.filter((w) => w.part === 'postgres' || w.part === 'redis');
  const runsByOrder = new Map<string, StoredRun[]>();
  for (const run of runs) {
    if (!run.customerOrderNo) continue;
    runsByOrder.set(run.customerOrderNo, [...(runsByOrder.get(run.customerOrderNo) ?? []), run]);
  }

  // 0 stuck: nothing waits without a wait, timer or pending resume; nothing is left running or queued.
  let stuck = 0;
  let unfinished = 0;
  for (const run of runs) {
    if (isFinished(run)) continue;
    unfinished++;
    const wakers = run.waits + run.timers + run.pendingResumes;
    if (run.status !== 'waiting' || wakers === 0) {
      stuck++;
      fail(
        'stuck',
        `${run.id} (${run.customerOrderNo}) ${run.status}, waits ${run.waits}, timers ${run.timers}, pending resumes ${run.pendingResumes}, lease ${run.leaseOwner ?? 'none'}`,
      );
    }
  }

  // 0 lost: every definitive answer has one run that ended well or with a coded business error.
  let lost = 0;
  for (const order of orders) {
    if (!order.first) continue;
    const found = runsByOrder.get(order.customerOrderNo) ?? [];
    const run = found[0];
    const ok =
      run &&
      (run.status === 'succeeded' || (run.status === 'failed' && run.errorCode?.startsWith('JX_USER_')));
    if (found.length !== 1 || !ok) {
      lost++;
      fail(
        'lost',
        `${order.customerOrderNo} answered ${order.first.status}: runs ${found.map((r) => `${r.id} ${r.status} ${r.errorCode ?? ''}`).join(', ') || 'none'}`,
      );
    }
  }

  // 0 doubled: one supplier order per customer_order_no; the balance moved by the successful orders.
  const supplierOrders = sandbox.orders();
  const perNo = count(supplierOrders, (o) => o.customer_order_no);
  const doubled = Object.values(perNo).filter((n) => n > 1).length;
  for (const [no, n] of Object.entries(perNo)) if (n > 1) fail('doubled', `${no}: ${n} supplier orders`);
  const charged = supplierOrders
    .filter((o) => o.order_state !== 'failed')
    .reduce((sum, o) => sum + Math.round(o.order_price * CENTS), 0);
  const moved = Math.round(evidence.balanceBefore * CENTS) - Math.round(sandbox.balance() * CENTS);
  if (moved !== charged)
    fail('doubled', `balance moved by ${moved / CENTS}, orders not failed cost ${charged / CENTS}`);
  const unsettledAtSupplier = supplierOrders.filter((o) => !['success', 'failed'].includes(o.order_state));
  for (const o of unsettledAtSupplier)
    fail('doubled', `${o.customer_order_no} still ${o.order_state} at the supplier`);

  // 0 self-exits.
  const selfExits = evidence.exits.filter((exit) => !exit.caused);
  for (const exit of selfExits) {
    fail(
      'self-exit',
      `${exit.name} exited code ${exit.code} signal ${exit.signal}:\n    ${exit.lastLines.slice(-12).join('\n    ')}`,
    );
  }

  // Replays equal the first answer.
  let replayMismatches = 0;
  for (const order of orders) {
    if (!order.first || !order.repeat) continue;
    const same =
      order.repeat.status === order.first.status &&
      JSON.stringify(order.repeat.body) === JSON.stringify(order.first.body);
    if (!same) {
      replayMismatches++;
      fail(
        'replay',
        `${order.customerOrderNo}: first ${order.first.status} ${order.first.text}, repeat ${order.repeat.status} ${order.repeat.text}`,
      );
    }
  }

  // No 500, no 503 while a worker lives (outside infrastructure faults), nothing uncoded.
  const attempts = orders.flatMap((o) => o.attempts).filter((a) => a.status !== undefined);
  const fiveXx = attempts.filter((a) => a.status! >= 500);
  let badAnswers = 0;
  for (const a of attempts) {
    if (a.status! < 300) continue;
    const code = codeOf(a);
    const during = overlaps(a, infra, INFRA_GRACE_MS);
    const bad =
      !code ||
      a.status === 500 ||
      (a.status === 503 && !during) ||
      (a.status! >= 500 && a.status !== 502 && a.status !== 503);
    if (bad) {
      badAnswers++;
      fail(
        'answers',
        `${a.status} ${code ?? 'uncoded'} at ${new Date(a.startedAt).toISOString()}${during ? ' (during an infrastructure fault)' : ''}: ${a.text?.slice(0, 200)}`,
      );
    }
  }

  // Every callback acknowledged, within ACK_WITHIN_MS once the parts in `ackAfter` are up.
  const outages = windows.filter((w) => evidence.ackAfter.includes(w.part));
  const latencies: number[] = [];
  let unacknowledged = 0;
  let lateAcks = 0;
  const deliveriesOf = new Map<string, ReturnType<SandboxHandle['deliveries']>>();
  for (const delivery of sandbox.deliveries()) {
    deliveriesOf.set(delivery.orderId, [...(deliveriesOf.get(delivery.orderId) ?? []), delivery]);
  }
  for (const order of supplierOrders.filter((o) => ['success', 'failed'].includes(o.order_state))) {
    const deliveries = deliveriesOf.get(order.order_id) ?? [];
    const ack = deliveries.find((d) => d.outcome === 'acknowledged');
    if (!ack) {
      unacknowledged++;
      fail(
        'callbacks',
        `${order.customer_order_no}: ${deliveries.length} deliveries, none acknowledged (last: ${deliveries.at(-1)?.httpStatus ?? deliveries.at(-1)?.error} ${deliveries.at(-1)?.responseBody ?? ''})`,
      );
      continue;
    }
    const firstSent = deliveries[0]!.sentAt;
    const upSince = outages
      .filter((w) => w.start <= ack.finishedAt && w.end >= firstSent)
      .reduce((latest, w) => Math.max(latest, w.end), firstSent);
    const latency = ack.finishedAt - upSince;
    latencies.push(latency);
    if (latency > ACK_WITHIN_MS) {
      lateAcks++;
      fail(
        'callbacks',
        `${order.customer_order_no}: acknowledged ${latency} ms after the parts were up (attempt ${ack.attempt}; refused since: ${refusals(deliveries, upSince, ack.finishedAt)})`,
      );
    }
  }

  const figures: ChaosFigures = {
    orders: orders.length,
    accepted: orders.filter((o) => o.first && o.first.status! < 300).length,
    unanswered: orders.filter((o) => !o.first).length,
    duplicatesPosted: orders.filter((o) => o.repeat).length,
    kills: count(
      windows.filter((w) => w.fault.startsWith('kill')),
      (w) => (w.part === 'api' ? 'api' : 'worker'),
    ),
    faults: count(
      windows.filter((w) => !w.fault.startsWith('kill')),
      (w) => w.fault,
    ),
    stuck,
    unfinished,
    lost,
    doubled,
    selfExits: selfExits.length,
    replayMismatches,
    fiveXxByCode: count(fiveXx, (a) => `${a.status} ${codeOf(a) ?? 'uncoded'}`),
    badAnswers,
    ackP50Ms: percentile(latencies, 50),
    ackP99Ms: percentile(latencies, 99),
    unacknowledged,
    lateAcks,
  };
  return { figures, violations };
}

/** What the attempts between the parts coming up and the acknowledgement got, e.g. `503 ×3, 429 ×1`. */
function refusals(deliveries: ReturnType<SandboxHandle['deliveries']>, from: number, to: number): string {
  const seen = new Map<string, number>();
  for (const d of deliveries.filter((d) => d.sentAt >= from && d.finishedAt < to)) {
    const answer = String(d.httpStatus ?? d.error ?? 'no answer');
    seen.set(answer, (seen.get(answer) ?? 0) + 1);
  }
  return [...seen].map(([answer, n]) => `${answer} ×${n}`).join(', ') || 'none';
}
