import type { RunStore } from '../store/run-store.ts';

/**
 * Renews the leases of the runs this process holds in memory, every third of the lease, so a live
 * worker never loses a run to another worker's recovery. The interval exists only while runs are
 * in memory and never keeps the process alive.
 */
export class LeaseKeeper {
  #interval: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: RunStore,
    private readonly owner: string,
    private readonly leaseMs: number,
    private readonly now: () => number,
    private readonly runIds: () => Iterable<string>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Call when a run enters memory. */
  ensure(): void {
    if (this.#interval) return;
    this.#interval = setInterval(() => this.#renew(), Math.max(10, Math.floor(this.leaseMs / 3)));
    this.#interval.unref();
  }

  /** Call when the last run leaves memory. */
  idle(): void {
    if (this.#interval) clearInterval(this.#interval);
    this.#interval = undefined;
  }

  #renew(): void {
    for (const runId of this.runIds()) {
      this.store.acquireLease(runId, this.owner, this.now(), this.leaseMs).catch(this.onError);
    }
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
