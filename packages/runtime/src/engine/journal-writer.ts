import { JunctionError } from '../errors/junction-error.ts';
import type { Json } from '../flow/json.ts';
import type { RunSealer } from '../sealing/run-sealer.ts';
import type { JournalEntry } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';

/**
 * One `store.flush` for every run that asks in the same event-loop turn: under load, hundreds of
 * runs finishing steps together share one durable write (one SQLite transaction) instead of one each.
 */
export function coalescedFlush(store: RunStore): () => Promise<void> {
  let pending: Promise<void> | undefined;
  return () => {
    pending ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      pending = undefined;
      return store.flush();
    });
    return pending;
  };
}

/**
 * Fire-and-collect journal appends for one run.
 *
 * 1. `append` numbers the entry (`seq`) and buffers it; one store call per microtask turn carries
 *    every entry produced in that turn, so a burst of pure nodes costs one write.
 * 2. Calls are issued in order and the store keeps order per run, so the run never waits on a
 *    round-trip between steps.
 * 3. `flush` waits for every issued write and for the store's own batching (`store.flush`): the
 *    engine calls it before a run is reported finished or waiting, which is what makes those states
 *    durable. A write that failed surfaces there as `JX_JOURNAL_WRITE_FAILED`.
 * 4. `needsBarrier` says whether a step (anything but `node.started` / `node.retrying`, which only
 *    announce work that re-runs anyway) was appended after the last successful flush began: the
 *    engine flushes then before a node with side effects starts or a response leaves.
 * 5. With a `sealer` (the engine's `sealer` option), each entry is sealed as it is appended: what is
 *    buffered, stored and observed holds no plain sensitive value (`sealing/run-sealer.ts`).
 */
export class JournalWriter {
  #seq: number;
  /** Seq of the last entry a side effect must not outrun, and the seq known durable. */
  #stepSeq = 0;
  #durableSeq: number;
  #buffer: JournalEntry[] = [];
  #scheduled = false;
  #inFlight: Promise<void>[] = [];
  #failure: unknown;
  #discarded = false;

  constructor(
    private readonly store: RunStore,
    readonly runId: string,
    lastSeq = 0,
    private readonly observe?: (entry: JournalEntry) => void,
    private readonly flushStore: () => Promise<void> = () => store.flush(),
    /** Seals sensitive values of this run at rest; undefined when the engine has no sealer. */
    readonly sealer?: RunSealer,
  ) {
    this.#seq = lastSeq;
    this.#durableSeq = lastSeq;
  }

  /** True when a step appended since the last flush is not durable yet (see point 4 above). */
  get needsBarrier(): boolean {
    return this.#stepSeq > this.#durableSeq;
  }

  /** Appends an entry (runId and seq are filled in) and returns it, sealed as stored. */
  append(entry: Omit<JournalEntry, 'runId' | 'seq'>): JournalEntry {
    const full = (this.sealer ? this.sealer.entry(entry) : entry) as JournalEntry;
    full.runId = this.runId;
    full.seq = ++this.#seq;
    if (entry.type !== 'node.started' && entry.type !== 'node.retrying') this.#stepSeq = full.seq;
    this.#buffer.push(full);
    if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(this.#issue);
    }
    this.observe?.(full);
    return full;
  }

  /** `value` as it may be stored or emitted: its sensitive strings sealed (itself without a sealer). */
  seal<T extends Json | undefined>(value: T): T {
    return this.sealer ? this.sealer.json(value) : value;
  }

  /**
   * Hands buffered entries to the store now instead of at the end of the microtask turn. Store calls
   * are ordered, so an entry issued before a store write (a wait registration) is stored first.
   */
  issue(): void {
    this.#issue();
  }

  #issue = (): void => {
    this.#scheduled = false;
    if (this.#buffer.length === 0) return;
    if (this.#discarded) {
      this.#buffer = [];
      return;
    }
    const batch = this.#buffer;
    this.#buffer = [];
    // Keep the list short on long runs: older writes collapse into one promise.
    if (this.#inFlight.length >= 64) this.#inFlight = [Promise.all(this.#inFlight).then(() => undefined)];
    this.#inFlight.push(
      this.store.appendJournal(batch).catch((error: unknown) => {
        this.#failure ??= error;
      }),
    );
  };

  /**
   * Drops what is not written yet (the run was handed over): buffered entries, and the store's
   * queued rows where it queues them. Later appends are ignored.
   */
  discard(): void {
    this.#buffer = [];
    this.#discarded = true;
    this.store.discardQueuedJournal?.(this.runId);
  }

  /** Waits until every appended entry is durable. */
  async flush(): Promise<void> {
    const covered = this.#seq;
    await this.#settleIssued();
    await this.flushStore();
    this.#throwFailure();
    if (covered > this.#durableSeq) this.#durableSeq = covered;
  }

  /**
   * Waits only for the appends issued so far, not for the store's commit, and throws
   * `JX_JOURNAL_WRITE_FAILED` when one was refused (an entry the store cannot serialise). Cheap:
   * stores queue appends and answer at once, so a run checks this before it reports success.
   */
  async settle(): Promise<void> {
    await this.#settleIssued();
    this.#throwFailure();
  }

  async #settleIssued(): Promise<void> {
    this.#issue();
    while (this.#inFlight.length > 0) {
      const pending = this.#inFlight;
      this.#inFlight = [];
      await Promise.all(pending);
    }
  }

  #throwFailure(): void {
    if (this.#failure === undefined) return;
    const cause = this.#failure;
    this.#failure = undefined;
    // First line only: it names the problem; the rest of a store's message may quote data.
    const reason = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]!.slice(0, 300);
    throw new JunctionError(
      'JX_JOURNAL_WRITE_FAILED',
      `The journal of run ${this.runId} could not be written (${reason}); check the store's disk or connection, or the node output it refused.`,
      { runId: this.runId, reason },
      { cause },
    );
  }
}
