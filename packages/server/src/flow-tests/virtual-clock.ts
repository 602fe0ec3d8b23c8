interface PendingDelay {
  due: number;
  seq: number;
  resolve: () => void;
}

/**
 * Time for flow tests: `now()` stands still until the runner moves it, and `delay` (the engine's retry
 * backoff) resolves when virtual time reaches its end. Together with the store's timers (which
 * follow `now`) this makes delays, deadlines, polls and backoff elapse instantly, in due order.
 */
export class VirtualClock {
  #now: number;
  #seq = 0;
  #pending: PendingDelay[] = [];

  constructor(start: number) {
    this.#now = start;
  }

  /** The current virtual time (epoch ms). */
  readonly now = (): number => this.#now;

  /** Resolves once virtual time has advanced `ms`; rejects with `signal.reason` on abort. */
  readonly delay = (ms: number, signal: AbortSignal): Promise<void> => {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const entry: PendingDelay = { due: this.#now + Math.max(0, ms), seq: this.#seq++, resolve };
      const onAbort = () => {
        this.#pending = this.#pending.filter((p) => p !== entry);
        reject(signal.reason);
      };
      entry.resolve = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#pending.push(entry);
    });
  };

  /** When the earliest pending delay ends, if any. */
  nextDelayDue(): number | undefined {
    let next: number | undefined;
    for (const p of this.#pending) if (next === undefined || p.due < next) next = p.due;
    return next;
  }

  /** Moves time to `at` (never backwards) and ends the delays due by then, earliest first. */
  advanceTo(at: number): void {
    this.#now = Math.max(this.#now, at);
    const due = this.#pending
      .filter((p) => p.due <= this.#now)
      .sort((a, b) => a.due - b.due || a.seq - b.seq);
    this.#pending = this.#pending.filter((p) => p.due > this.#now);
    for (const p of due) p.resolve();
  }
}
