import type { Database, Statement } from 'better-sqlite3';
import type { JournalEntry } from '../run-records.ts';
import { journalToParams } from '../sql/row-mappers.ts';
import { writeFailedError } from '../store-errors.ts';

type JournalParams = ReturnType<typeof journalToParams>;

/** A queued store write: runs inside the batch transaction, settles once that transaction committed. */
interface QueuedOp {
  op: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  outcome?: { ok: true; value: unknown } | { ok: false; error: unknown };
}

type Item = JournalParams | QueuedOp;

/**
 * Batches the store's hot writes — journal rows and run writes (create, update, leases) — into one
 * transaction per event-loop turn, in call order. A commit, not a statement, is what costs: under
 * load hundreds of runs share each one.
 *
 * 1. Journal rows are serialised at once (the caller may reuse its objects); their promise resolved
 *    when queued, and `flush()` is what waits for them. A queued write (`enqueueOp`) settles only
 *    after the transaction that ran it committed, with its own result or error.
 * 2. Items leave the queue only after their transaction committed. When the batch transaction cannot
 *    commit, the writes are rejected (`JX_STORE_WRITE_FAILED`) and the journal rows stay queued for the
 *    next drain, which retries and reports: a journal row is never dropped.
 * 3. A queued write must be atomic on its own (one statement, or checks before its only write), so
 *    one that throws leaves nothing behind and the batch goes on.
 */
export class WriteQueue {
  private items: Item[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private delayed: NodeJS.Timeout | undefined;
  private readonly writeAll: (items: Item[]) => void;

  /**
   * @param journalDelayMs How long journal rows alone may wait for a transaction. Rows need no commit
   *   of their own: the engine's `flush()` (run start, step barrier, run end), any queued run write
   *   and any read carry them. Without the delay every event-loop turn that journals a step — a node
   *   finishing on an HTTP response, say — paid a commit nobody waited for.
   */
  constructor(
    db: Database,
    insertJournal: Statement,
    private readonly journalDelayMs = 0,
  ) {
    this.writeAll = db.transaction((items: Item[]) => {
      for (const item of items) {
        if (Array.isArray(item)) {
          insertJournal.run(item);
          continue;
        }
        try {
          item.outcome = { ok: true, value: item.op() };
        } catch (error) {
          item.outcome = { ok: false, error };
        }
      }
    });
  }

  /** Items waiting to be written. */
  get pending(): number {
    return this.items.length;
  }

  /** Queues journal entries; they are written with the next batch, or after `journalDelayMs` at the latest. */
  enqueueJournal(entries: readonly JournalEntry[]): void {
    for (const entry of entries) this.items.push(journalToParams(entry));
    if (this.journalDelayMs <= 0) this.schedule();
    else if (!this.scheduled && !this.delayed) {
      this.delayed = setTimeout(() => {
        this.delayed = undefined;
        this.schedule();
      }, this.journalDelayMs);
    }
  }

  /** Queues a write; it runs in the next batch transaction and settles after its commit. */
  enqueueOp<T>(op: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.items.push({ op, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /**
   * Writes every queued item now, inside the caller's transaction when there is one (better-sqlite3
   * nests it as a savepoint), so a store write that follows can never overtake them. Returns the
   * function to call once the enclosing transaction committed: it forgets the items and settles them.
   */
  writeQueued(): () => void {
    const count = this.items.length;
    if (count === 0) return noop;
    const batch = this.items.slice(0, count);
    this.writeAll(batch);
    return () => {
      this.items.splice(0, count);
      for (const item of batch) {
        if (Array.isArray(item) || !item.outcome) continue;
        if (item.outcome.ok) item.resolve(item.outcome.value);
        else item.reject(item.outcome.error);
      }
    };
  }

  /** Writes everything queued in its own transaction; throws `JX_STORE_WRITE_FAILED` when it cannot. */
  drain(): void {
    const count = this.items.length;
    let settle: () => void;
    try {
      settle = this.writeQueued();
    } catch (cause) {
      const error = writeFailedError(cause);
      // The writes fail with the batch; journal rows stay queued for the next drain (step 2).
      const batch = this.items.splice(0, count);
      this.items.unshift(...batch.filter((item) => Array.isArray(item)));
      for (const item of batch) if (!Array.isArray(item)) item.reject(error);
      throw error;
    }
    settle();
  }

  /** Cancels the scheduled background write (the caller drains synchronously instead). */
  cancelScheduled(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    if (this.delayed) clearTimeout(this.delayed);
    this.scheduled = undefined;
    this.delayed = undefined;
  }

  private schedule(): void {
    if (this.scheduled || this.items.length === 0) return;
    if (this.delayed) clearTimeout(this.delayed);
    this.delayed = undefined;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      try {
        this.drain();
      } catch {
        // Rows stay queued: the next drain (any store call, or `flush()`) retries and reports.
      }
    });
  }
}

function noop(): void {}
