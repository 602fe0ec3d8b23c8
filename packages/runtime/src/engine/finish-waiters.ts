import type { RunRecord } from '../store/run-records.ts';

/**
 * Callbacks waiting for runs to finish (sub-flow callers). A run's `done` settles when it suspends too,
 * so a parent that needs the child's final result registers here instead.
 */
export class FinishWaiters {
  readonly #waiters = new Map<string, Set<(record: RunRecord) => void>>();

  /** Resolves with the run record once the run has finished; call `dispose` when no longer interested. */
  when(runId: string): { promise: Promise<RunRecord>; dispose: () => void } {
    let set = this.#waiters.get(runId);
    if (!set) {
      set = new Set();
      this.#waiters.set(runId, set);
    }
    const waiters = set;
    let callback!: (record: RunRecord) => void;
    const promise = new Promise<RunRecord>((resolve) => {
      callback = resolve;
    });
    waiters.add(callback);
    return {
      promise,
      dispose: () => {
        waiters.delete(callback);
        if (waiters.size === 0 && this.#waiters.get(runId) === waiters) this.#waiters.delete(runId);
      },
    };
  }

  /** True when someone waits for the run. */
  has(runId: string): boolean {
    return this.#waiters.has(runId);
  }

  /** A run finished: wake whoever waits for it. */
  notify(record: RunRecord): void {
    const waiters = this.#waiters.get(record.id);
    if (waiters) for (const waiter of [...waiters]) waiter(record);
  }
}
