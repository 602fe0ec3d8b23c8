import type { FaultSettings } from '../faults/fault-settings.ts';
import type { Order } from '../state/order.ts';
import type { SandboxState } from '../state/sandbox-state.ts';
import type { Scheduler } from '../state/scheduler.ts';
import type { WireFormat } from '../wire/wire-format.ts';
import { type EncodedMessage, encodeMessage } from '../wire/wire-message.ts';
import { readAcknowledgement } from './acknowledgement.ts';
import { buildCallbackBody } from './callback-body.ts';
import type { CallbackDelivery } from './callback-delivery.ts';
import { type CallbackAgents, createCallbackAgents, postCallback } from './post-callback.ts';

/**
 * Default wait before each attempt, in simulated ms: immediately, 15 s, 30 s, 3 min, 10 min, then
 * stretching out the way suppliers do. An attempt whose answer is not the literal `success` is retried
 * after the next wait; when the schedule is exhausted the supplier gives up.
 */
export const DEFAULT_CALLBACK_SCHEDULE_MS: readonly number[] = [
  0, 15_000, 30_000, 180_000, 600_000, 1_200_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000,
];

interface Job {
  order: Order;
  url: string;
  wire: WireFormat;
  message: EncodedMessage;
  body: Record<string, string>;
  badSignature: boolean;
  duplicate: boolean;
  generation: number;
}

/** Options of a {@link CallbackDispatcher}. */
export interface CallbackDispatcherOptions {
  state: SandboxState;
  scheduler: Scheduler;
  /** The wire format in force when a callback is dispatched (its retries keep it). */
  wire: () => WireFormat;
  scheduleMs: readonly number[];
  /** Real ms a merchant has to answer one attempt. */
  timeoutMs: number;
}

/** Sends settlement callbacks with retries and the callback faults, and records every attempt. */
export class CallbackDispatcher {
  private readonly agents: CallbackAgents = createCallbackAgents();
  private readonly held = new Map<string, Job[]>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: CallbackDispatcherOptions) {}

  /**
   * Starts delivering the callback of a settled order. The promise settles after the first attempt
   * when that attempt is immediate (so "callback before the create call answers" can wait for it),
   * otherwise at once.
   */
  dispatch(order: Order, faults: FaultSettings): Promise<void> {
    const { state, scheduler } = this.options;
    const merchant = state.merchants.get(order.appKey);
    const url = order.notifyUrl ?? merchant?.notifyUrl;
    if (!merchant || url === undefined || faults.callbackNever) return Promise.resolve();
    const badSignature = faults.callbackBadSignature === true;
    const wire = this.options.wire();
    const body = buildCallbackBody(order, merchant.appSecret, badSignature, wire.charset);
    const job: Job = {
      order,
      url,
      body,
      wire,
      message: encodeMessage(body, wire, 'callback'),
      badSignature,
      duplicate: faults.callbackDuplicate === true,
      generation: state.generation,
    };
    const window = faults.callbackOutOfOrderWindowMs;
    if (window !== undefined && window > 0) {
      this.hold(job, window);
      return Promise.resolve();
    }
    const delay = (faults.callbackDelayMs ?? 0) + (this.options.scheduleMs[0] ?? 0);
    if (delay > 0) {
      scheduler.after(delay, () => this.attempt(job, 1, 'first', delay));
      return Promise.resolve();
    }
    return this.attempt(job, 1, 'first', 0);
  }

  /** Forgets held callbacks (reset); in-flight attempts are dropped by the generation check. */
  clear(): void {
    this.held.clear();
  }

  /** Closes the keep-alive sockets. */
  close(): void {
    this.closed = true;
    this.held.clear();
    this.agents.destroy();
  }

  private hold(job: Job, windowMs: number): void {
    const key = job.order.appKey;
    const jobs = this.held.get(key);
    if (jobs) {
      jobs.push(job);
      return;
    }
    this.held.set(key, [job]);
    this.options.scheduler.after(windowMs, async () => {
      const batch = this.held.get(key) ?? [];
      this.held.delete(key);
      // Newest first, one after the other, so the merchant really sees them in reverse order.
      for (const held of batch.reverse()) await this.attempt(held, 1, 'first', windowMs);
    });
  }

  private async attempt(job: Job, attempt: number, kind: CallbackDelivery['kind'], plannedDelayMs: number) {
    const { state, scheduler, scheduleMs, timeoutMs } = this.options;
    if (this.closed || job.generation !== state.generation) return;
    const sentAt = Date.now();
    const delivery: CallbackDelivery = {
      id: 0,
      orderId: job.order.orderId,
      customerOrderNo: job.order.customerOrderNo,
      appKey: job.order.appKey,
      url: job.url,
      attempt,
      kind,
      plannedDelayMs,
      sentAt,
      finishedAt: sentAt,
      body: job.body,
      contentType: job.message.contentType,
      badSignature: job.badSignature,
      outcome: 'error',
    };
    try {
      const answer = await postCallback(job.url, job.message, this.agents, timeoutMs);
      const { acknowledged, text } = readAcknowledgement(answer, job.wire);
      delivery.httpStatus = answer.status;
      delivery.responseBody = text.slice(0, 200);
      delivery.outcome = acknowledged ? 'acknowledged' : 'rejected';
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
    if (job.generation !== state.generation) return;
    delivery.finishedAt = Date.now();
    delivery.id = this.nextId++;
    state.deliveries.push(delivery);

    if (delivery.outcome === 'acknowledged') {
      if (job.duplicate && kind !== 'duplicate') await this.attempt(job, attempt, 'duplicate', 0);
      return;
    }
    if (kind === 'duplicate') return;
    const wait = scheduleMs[attempt];
    if (wait !== undefined) scheduler.after(wait, () => this.attempt(job, attempt + 1, 'retry', wait));
  }
}
