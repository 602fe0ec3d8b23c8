import type { Pool } from 'pg';
import type { JournalEntry } from '../run-records.ts';
import { journalToParams } from '../sql/row-mappers.ts';
import { writeFailedError } from '../store-errors.ts';
import { isConnectionError, toStoreError } from './pg-errors.ts';

type JournalParams = ReturnType<typeof journalToParams>;

// One statement per batch whatever its size: columns travel as arrays and unnest turns them into rows.
const INSERT_BATCH = `INSERT INTO journal (run_id, seq, type, node_id, at, body)
  SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::bigint[], $6::text[])
  ON CONFLICT (run_id, seq) DO NOTHING`;

/**
 * Batches journal appends into one INSERT per event-loop turn.
 *
 * 1. Batches are written one after the other, so a run's entries land in order.
 * 2. A failed batch is put back, ahead of anything queued, and the next flush retries it (and
 *    reports the failure to its caller).
 * 3. Batches chained behind a batch that failed are put back unwritten, after it: writing them would
 *    store a run's later entries without the earlier ones — a gap that replay cannot cross (a
 *    PostgreSQL restart left runs failed `JX_RUN_STUCK` that way). They reject with the same error.
 */
export class PgJournalBatcher {
  private queue: JournalParams[] = [];
  /** Rows of failed batches and of those chained behind them, in chain order: written first. */
  private putBack: JournalParams[] = [];
  /** Resolves when the last chained batch settled: with its error when it failed. */
  private tail: Promise<unknown> = Promise.resolve(undefined);
  private writing = 0;
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly pool: Pool) {}

  /** Queues entries (serialised now, so the caller may reuse its objects) and schedules a write. */
  enqueue(entries: readonly JournalEntry[]): void {
    for (const entry of entries) this.queue.push(journalToParams(entry));
    if (!this.scheduled && this.queue.length > 0) {
      this.scheduled = setImmediate(() => {
        this.scheduled = undefined;
        // A background failure resurfaces from the next flush, which retries the rows.
        this.flush().catch(() => undefined);
      });
    }
  }

  /**
   * Forgets a run's rows not written yet: its process no longer holds the run (lease lost), and
   * whoever takes it over re-runs those steps; rows landing later could collide with theirs.
   */
  discard(runId: string): void {
    this.queue = this.queue.filter((row) => row[0] !== runId);
    this.putBack = this.putBack.filter((row) => row[0] !== runId);
  }

  /**
   * Resolves once everything queued so far is committed; rejects with `JX_STORE_WRITE_FAILED`, or
   * `JX_STORE_UNAVAILABLE` when the database cannot be reached.
   */
  flush(): Promise<void> {
    if (this.queue.length === 0 && this.putBack.length === 0) return this.tail.then(() => undefined);
    // An idle chain starts afresh: the rows of a failure it reported are at the head of this batch.
    const previous = this.writing === 0 ? Promise.resolve(undefined) : this.tail;
    const batch = [...this.putBack, ...this.queue];
    this.putBack = [];
    this.queue = [];
    this.writing++;
    const write = previous
      .then((failed) => (failed === undefined ? this.write(batch) : this.keep(batch, failed)))
      .finally(() => {
        this.writing--;
      });
    this.tail = write.then(
      () => undefined,
      (error: unknown) => error,
    );
    return write;
  }

  private keep(batch: JournalParams[], error: unknown): Promise<void> {
    this.putBack.push(...batch);
    return Promise.reject(error);
  }

  private async write(batch: JournalParams[]): Promise<void> {
    const columns: unknown[][] = [[], [], [], [], [], []];
    for (const row of batch) {
      for (let index = 0; index < row.length; index++) columns[index]?.push(row[index]);
    }
    try {
      await this.pool.query(INSERT_BATCH, columns);
    } catch (error) {
      const failure = isConnectionError(error) ? toStoreError(error) : writeFailedError(error);
      return this.keep(batch, failure);
    }
  }
}
