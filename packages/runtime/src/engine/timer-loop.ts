import type { TimerRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';

/** Timers claimed per round trip. */
const CLAIM_BATCH = 64;
/** Never spin: at least this long between rounds when a due timer could not be handled. */
const MIN_SLEEP_MS = 5;

/**
 * The background loop that fires store timers (wait deadlines, sleeps).
 *
 * 1. Claim due timers (`store.claimDueTimers`, leased so two workers never fire the same one) and
 *    handle them concurrently; a full batch means more are due, so claim again at once.
 * 2. Otherwise sleep until the earliest timer (`store.nextTimerDue`) or the poll interval, whichever
 *    comes first; the poll catches timers added by other processes.
 * 3. `wake(dueAt)` cuts the sleep short when this process adds a sooner timer.
 * 4. `tick` runs housekeeping (orphan recovery, inbox purge) at most once per `housekeepingMs`.
 */
export class TimerLoop {
  #running = false;
  #loop: Promise<void> | undefined;
  #sleepTimer: NodeJS.Timeout | undefined;
  #wakeAt = Number.POSITIVE_INFINITY;
  #wakeUp: (() => void) | undefined;
  #lastHousekeeping = 0;

  constructor(
    private readonly store: RunStore,
    private readonly options: {
      now: () => number;
      pollMs: number;
      leaseMs: number;
      housekeepingMs: number;
      handle: (timer: TimerRecord) => Promise<void>;
      housekeeping: () => Promise<void>;
      onError: (error: unknown) => void;
    },
  ) {}

  /** Whether the loop was started and not stopped: it may hold timer claims of its own. */
  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#interrupt();
    await this.#loop;
  }

  /** Step 3. */
  wake(dueAt: number): void {
    if (!this.#running) return;
    const delay = dueAt - this.options.now();
    if (Date.now() + delay < this.#wakeAt) this.#interrupt();
  }

  #interrupt(): void {
    if (this.#sleepTimer) clearTimeout(this.#sleepTimer);
    this.#sleepTimer = undefined;
    this.#wakeAt = Number.POSITIVE_INFINITY;
    const wakeUp = this.#wakeUp;
    this.#wakeUp = undefined;
    wakeUp?.();
  }

  async #run(): Promise<void> {
    const { now, pollMs } = this.options;
    while (this.#running) {
      let sleepMs = pollMs;
      try {
        const due = await this.store.claimDueTimers(now(), CLAIM_BATCH, this.options.leaseMs);
        await Promise.all(due.map((timer) => this.options.handle(timer).catch(this.options.onError)));
        if (!this.#running) break;
        if (due.length === CLAIM_BATCH) continue;
        if (now() - this.#lastHousekeeping >= this.options.housekeepingMs) {
          this.#lastHousekeeping = now();
          await this.options.housekeeping();
        }
        const next = await this.store.nextTimerDue();
        if (next !== undefined) sleepMs = Math.min(pollMs, Math.max(MIN_SLEEP_MS, next - now()));
      } catch (error) {
        this.options.onError(error);
      }
      if (!this.#running) break;
      await new Promise<void>((resolve) => {
        this.#wakeUp = resolve;
        this.#wakeAt = Date.now() + sleepMs;
        this.#sleepTimer = setTimeout(() => this.#interrupt(), sleepMs);
      });
    }
  }
}
