import type { Pool } from 'pg';
import type { JournalEntry } from '../run-records.ts';
import { journalToParams } from '../sql/row-mappers.ts';
import { writeFailedError } from '../store-errors.ts';

type JournalParams = ReturnType<typeof journalToParams>;

// One statement per batch whatever its size: columns travel as arrays and unnest turns them into rows.
const INSERT_BATCH = `INSERT INTO journal (run_id, seq, type, node_id, at, body)
  SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::bigint[], $6::text[])
  ON CONFLICT (run_id, seq) DO NOTHING`;

/**
 * Batches journal appends into one INSERT per event-loop turn. Batches are written one after the
 * other, so order holds; a failed batch goes back to the head of the queue and is retried by the
 * next flush, which reports the failure.
 */
export class PgJournalBatcher {
  private queue: JournalParams[] = [];
  private tail: Promise<void> = Promise.resolve();
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

  /** Resolves once everything queued so far is committed; rejects with `JX_STORE_WRITE_FAILED`. */
  flush(): Promise<void> {
    if (this.queue.length === 0) return this.tail;
    const batch = this.queue;
    this.queue = [];
    const write = this.tail.then(() => this.write(batch));
    // The chain itself never rejects, so one failed batch does not block later ones.
    this.tail = write.catch(() => undefined);
    return write;
  }

  private async write(batch: JournalParams[]): Promise<void> {
    const columns: unknown[][] = [[], [], [], [], [], []];
    for (const row of batch) {
      for (let index = 0; index < row.length; index++) columns[index]?.push(row[index]);
    }
    try {
      await this.pool.query(INSERT_BATCH, columns);
    } catch (error) {
      this.queue = [...batch, ...this.queue];
      throw writeFailedError(error);
    }
  }
}
