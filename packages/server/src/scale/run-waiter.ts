import type { EngineEvent, RunResult, RunStore } from '@junction/runtime';
import { settledResult, settledResultOfEvent } from '../runs/run-events.ts';
import type { ClusterBus } from './cluster-bus.ts';

/**
 * Follows a remote run until its first settling (finished, or suspended: like `RunHandle.done`).
 * Listens to the workers' events over pub/sub from creation, so create it *before* the run is
 * enqueued. A store poll every `pollMs` catches a message lost to a reconnect; it starts only when
 * someone reads `done`, so runs nobody waits for cost no queries.
 */
export class RunWaiter {
  readonly #promise: Promise<RunResult>;
  #resolve!: (result: RunResult) => void;
  #settled = false;
  #polling = false;
  #timer: NodeJS.Timeout | undefined;
  readonly #unsubscribe: () => void;

  constructor(
    bus: ClusterBus,
    private readonly store: RunStore,
    readonly runId: string,
    private readonly pollMs = 1000,
  ) {
    this.#promise = new Promise<RunResult>((resolve) => {
      this.#resolve = resolve;
    });
    this.#unsubscribe = bus.onEvent((event: EngineEvent) => {
      const result = settledResultOfEvent(event, runId);
      if (result) this.#finish(result);
    });
  }

  /** Settles with the run's first finish or suspension. */
  get done(): Promise<RunResult> {
    if (!this.#polling && !this.#settled) {
      this.#polling = true;
      this.#timer = setTimeout(() => void this.#poll(), this.pollMs).unref();
    }
    return this.#promise;
  }

  /** Stops listening (the run was never enqueued). */
  dispose(): void {
    this.#settled = true;
    this.#unsubscribe();
    clearTimeout(this.#timer);
  }

  async #poll(): Promise<void> {
    if (this.#settled) return;
    const run = await this.store.getRun(this.runId).catch(() => undefined);
    const result = run && settledResult(run);
    if (result) this.#finish(result);
    else if (!this.#settled) this.#timer = setTimeout(() => void this.#poll(), this.pollMs).unref();
  }

  #finish(result: RunResult): void {
    if (this.#settled) return;
    this.dispose();
    this.#resolve(result);
  }
}
