import type { RunStore } from '../store/run-store.ts';

/**
 * Renews the leases of the runs this process holds in memory, every third of the lease, so a live
 * worker never loses a run to another worker's recovery. The interval exists only while runs are
 * in memory and never keeps the process alive.
 *
 * A run whose lease is gone must leave memory before anyone else may take it: a renewal refused
 * (another owner holds it) reports the run lost at once, and renewals failing (the store is
 * unreachable) report it lost once the last successful renewal is older than the lease minus one
 * renewal interval — before the lease expires in the store, so two processes never run it together.
 */
export class LeaseKeeper {
  #interval: NodeJS.Timeout | undefined;
  /** When each held run's lease was last known to be ours (taken or renewed). */
  readonly #renewedAt = new Map<string, number>();

  constructor(
    private readonly store: RunStore,
    private readonly owner: string,
    private readonly leaseMs: number,
    private readonly now: () => number,
    private readonly onLost: (runId: string) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  get #everyMs(): number {
    return Math.max(10, Math.floor(this.leaseMs / 3));
  }

  /** Call when a run enters memory; `leasedAt` is when its lease was taken. */
  hold(runId: string, leasedAt: number): void {
    this.#renewedAt.set(runId, leasedAt);
    if (this.#interval) return;
    this.#interval = setInterval(() => this.#renew(), this.#everyMs);
    this.#interval.unref();
  }

  /** Call when a run leaves memory. */
  drop(runId: string): void {
    this.#renewedAt.delete(runId);
    if (this.#renewedAt.size > 0 || !this.#interval) return;
    clearInterval(this.#interval);
    this.#interval = undefined;
  }

  #renew(): void {
    const at = this.now();
    for (const [runId, renewedAt] of this.#renewedAt) {
      if (at - renewedAt >= this.leaseMs - this.#everyMs) {
        this.#lost(runId);
        continue;
      }
      this.store.acquireLease(runId, this.owner, at, this.leaseMs).then(
        (ours) => {
          if (!this.#renewedAt.has(runId)) return;
          if (ours) this.#renewedAt.set(runId, Math.max(this.#renewedAt.get(runId)!, at));
          else this.#lost(runId);
        },
        (error: unknown) => this.onError(error),
      );
    }
  }

  #lost(runId: string): void {
    if (!this.#renewedAt.delete(runId)) return;
    this.onLost(runId);
  }
}

/**
 * Takes a run's lease. `force` takes it whoever holds it (embedded start-up recovery, where the
 * holder is this process's dead predecessor): the store judges expiry by the `now` it is given, so
 * asking at a far-future instant sees every lease expired; the lease is then renewed at the real time.
 * `patienceMs` retries a busy lease that long (another process is about to release it).
 */
export async function takeLease(
  store: RunStore,
  runId: string,
  owner: string,
  now: () => number,
  leaseMs: number,
  options: { force?: boolean; patienceMs?: number } = {},
): Promise<boolean> {
  if (options.force) {
    await store.acquireLease(runId, owner, now() + 100 * 365 * 24 * 3600_000, leaseMs);
    return store.acquireLease(runId, owner, now(), leaseMs);
  }
  const giveUpAt = Date.now() + (options.patienceMs ?? 0);
  for (;;) {
    if (await store.acquireLease(runId, owner, now(), leaseMs)) return true;
    if (Date.now() >= giveUpAt) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
