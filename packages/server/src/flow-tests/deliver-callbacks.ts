import { type Engine, type FlowDocument, type Json, JunctionError } from '@junction/runtime';
import { describeCallbackAwait, readKeyPath } from '../integration/runtime-glue.ts';
import { type FailureSentence, failureSentence } from './failure-catalogue.ts';
import type { CallbackDelivery } from './test-file-types.ts';

/** What became of a case's callback. */
export type CallbackOutcomeName = 'matched' | 'early' | 'duplicate' | 'late' | 'rejected';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of a test file duration (`1500`, `90s`, `2m`, `1h`, `1d`). */
export function durationMs(value: number | string): number {
  if (typeof value === 'number') return value;
  const match = /^([0-9]+)(ms|s|m|h|d)$/.exec(value);
  return Number(match?.[1] ?? 0) * (UNIT_MS[match?.[2] ?? 'ms'] ?? 1);
}

/**
 * The callbacks of one case and when each is due: at a virtual time, while a node runs, or once a
 * node has finished. Each is posted once, the way the callback route would after verification: a
 * `forged` one is refused (`rejected`) and never reaches the engine.
 */
export class CallbackSchedule {
  readonly outcomes: (CallbackOutcomeName | undefined)[];
  readonly #due: (number | undefined)[];

  constructor(
    private readonly callbacks: readonly CallbackDelivery[],
    private readonly flow: FlowDocument,
    private readonly engine: Engine,
    startedAt: number,
  ) {
    this.outcomes = callbacks.map(() => undefined);
    this.#due = callbacks.map((cb) =>
      cb.during === undefined && cb.after === undefined ? startedAt + durationMs(cb.at ?? 0) : undefined,
    );
  }

  /** The earliest virtual time a callback not yet posted is due, if any is scheduled. */
  nextDue(): number | undefined {
    let next: number | undefined;
    this.#due.forEach((due, i) => {
      if (due !== undefined && this.outcomes[i] === undefined && (next === undefined || due < next))
        next = due;
    });
    return next;
  }

  /** Posts, in listed order, every callback due by `now`. */
  async deliverDue(now: number): Promise<void> {
    for (let i = 0; i < this.callbacks.length; i++) {
      const due = this.#due[i];
      if (due !== undefined && due <= now && this.outcomes[i] === undefined) await this.#post(i);
    }
  }

  /** Posts the callbacks that arrive while `nodeId` runs. */
  async during(nodeId: string): Promise<void> {
    for (let i = 0; i < this.callbacks.length; i++)
      if (this.callbacks[i]?.during === nodeId && this.outcomes[i] === undefined) await this.#post(i);
  }

  /** `nodeId` finished at `now`: its `after` callbacks become due. */
  nodeFinished(nodeId: string, now: number): void {
    this.callbacks.forEach((cb, i) => {
      if (cb.after === nodeId && this.#due[i] === undefined) this.#due[i] = now;
    });
  }

  /** Sentences about callbacks never posted (their node never ran). */
  undelivered(): FailureSentence[] {
    return this.callbacks.flatMap((cb, i) =>
      this.outcomes[i] !== undefined
        ? []
        : [
            failureSentence('flowTest.callbackNeverPosted', {
              index: i,
              node: cb.during ?? cb.after ?? '',
              waitFor: cb.during ? 'run' : 'finish',
            }),
          ],
    );
  }

  async #post(index: number): Promise<void> {
    const cb = this.callbacks[index] as CallbackDelivery;
    if (cb.forged) {
      this.outcomes[index] = 'rejected';
      return;
    }
    const awaits = this.flow.nodes.flatMap((node) => describeCallbackAwait(node) ?? []);
    const channel = cb.channel ?? awaits[0]?.channel;
    const description = awaits.find((a) => a.channel === channel);
    if (channel === undefined || (cb.channel === undefined && new Set(awaits.map((a) => a.channel)).size > 1))
      throw new JunctionError(
        'JX_FLOW_TESTS_INVALID',
        `Callback ${index} names no channel and flow ${this.flow.id} does not have exactly one; give its channel.`,
        { problems: [{ pointer: `/callbacks/${index}/channel`, message: 'is required for this flow' }] },
      );
    const key = cb.key ?? (description ? readKeyPath(cb.body as Json, description.keyPath) : undefined);
    if (key === undefined)
      throw new JunctionError(
        'JX_FLOW_TESTS_INVALID',
        `Callback ${index} has no key and none is at ${description?.keyPath ?? 'the key path'} of its body; give its key.`,
        { problems: [{ pointer: `/callbacks/${index}/key`, message: 'is required for this body' }] },
      );
    const delivery = await this.engine.resume(channel, key, cb.body, {
      headers: cb.headers ?? {},
      query: cb.query ?? {},
    });
    this.outcomes[index] = delivery.outcome;
  }
}
