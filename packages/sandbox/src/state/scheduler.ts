const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Timers of one sandbox, in *simulated* milliseconds scaled by the time factor. Every timer is
 * tracked so `clear()` (reset, close) leaves nothing behind to keep the event loop alive.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly timeFactor: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Real milliseconds for a simulated duration. */
  scale(simulatedMs: number): number {
    return Math.max(0, simulatedMs * this.timeFactor);
  }

  /** Runs `task` after `simulatedMs` × time factor. */
  after(simulatedMs: number, task: () => void | Promise<void>): void {
    this.#wait(this.scale(simulatedMs), task);
  }

  #wait(realMs: number, task: () => void | Promise<void>): void {
    // Work still in flight at close (a callback awaiting its answer) must not start new timers.
    if (this.closed) return;
    // setTimeout fires at once for more than 2^31 - 1 ms; a longer delay waits in steps.
    const step = Math.min(realMs, MAX_TIMEOUT_MS);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (realMs > step) return this.#wait(realMs - step, task);
      try {
        Promise.resolve(task()).catch(this.onError);
      } catch (error) {
        this.onError(error);
      }
    }, step);
    this.timers.add(timer);
  }

  /** Cancels every pending timer. */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Cancels every pending timer and refuses new ones for good. */
  close(): void {
    this.closed = true;
    this.clear();
  }

  /** How many timers are pending; lets tests wait until the sandbox is quiet. */
  get pending(): number {
    return this.timers.size;
  }
}
