import type { Database, Statement } from 'better-sqlite3';
import type { JournalEntry } from '../run-records.ts';
import { journalToParams } from '../sql/row-mappers.ts';
import { writeFailedError } from '../store-errors.ts';

type JournalParams = ReturnType<typeof journalToParams>;

/**
 * Batches journal appends: rows are serialised at once (so the caller may reuse its objects) and
 * written in one transaction per event-loop turn, in append order. Rows leave the queue only after
 * their transaction committed, so a failed write is retried by the next drain, never dropped.
 */
export class JournalWriter {
  private queue: JournalParams[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly writeAll: (rows: JournalParams[]) => void;

  constructor(db: Database, insert: Statement) {
    this.writeAll = db.transaction((rows: JournalParams[]) => {
      for (const row of rows) insert.run(row);
    });
  }

  /** Rows waiting to be written. */
  get pending(): number {
    return this.queue.length;
  }

  /** Queues entries and schedules a write for the end of this event-loop turn. */
  enqueue(entries: readonly JournalEntry[]): void {
    const rows = entries.map(journalToParams);
    for (const row of rows) this.queue.push(row);
    if (!this.scheduled && this.queue.length > 0) {
      this.scheduled = setImmediate(() => {
        this.scheduled = undefined;
        try {
          this.drain();
        } catch {
          // The rows stay queued: the next drain (any store call, or `flush()`) retries and reports.
        }
      });
    }
  }

  /**
   * Writes every queued row now, inside the caller's transaction when there is one (better-sqlite3
   * nests it as a savepoint), so a store write that follows an append can never overtake it.
   * Returns a function that forgets the written rows, to call once the enclosing transaction committed.
   */
  writeQueued(): () => void {
    const count = this.queue.length;
    if (count === 0) return noop;
    this.writeAll(this.queue.slice(0, count));
    return () => {
      this.queue.splice(0, count);
    };
  }

  /** Writes everything queued in its own transaction; throws `JX_STORE_WRITE_FAILED` when it cannot. */
  drain(): void {
    try {
      this.writeQueued()();
    } catch (error) {
      throw writeFailedError(error);
    }
  }

  /** Cancels the scheduled background write (the caller drains synchronously instead). */
  cancelScheduled(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
  }
}

function noop(): void {}
