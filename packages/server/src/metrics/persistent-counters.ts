import type { SqlDatabase } from '../db/sql-database.ts';

/** A counter key: metric name plus its labels. */
export type CounterLabels = Record<string, string>;

/**
 * Counters that survive restarts: increments are summed in memory and added to the stored values in
 * one transaction per flush (every second and on close), so the hot path never waits on the
 * database. Additive writes let several processes share one table; {@link load} reads everyone's.
 */
export class PersistentCounters {
  readonly #db: SqlDatabase;
  #values = new Map<string, number>();
  readonly #dirty = new Map<string, number>();

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** Reads the stored totals (plus increments not flushed yet). */
  async load(): Promise<void> {
    const rows = await this.#db.all<{ name: string; labels: string; value: number }>(
      'SELECT name, labels, value FROM srv_counters',
    );
    const values = new Map<string, number>();
    for (const row of rows) values.set(`${row.name}\u0000${row.labels}`, row.value);
    for (const [key, by] of this.#dirty) values.set(key, (values.get(key) ?? 0) + by);
    this.#values = values;
  }

  /** Adds `by` to a counter. */
  inc(name: string, labels: CounterLabels, by = 1): void {
    const key = `${name}\u0000${JSON.stringify(sortKeys(labels))}`;
    this.#values.set(key, (this.#values.get(key) ?? 0) + by);
    this.#dirty.set(key, (this.#dirty.get(key) ?? 0) + by);
  }

  /** Every counter of a metric with its labels and value. */
  entries(name: string): { labels: CounterLabels; value: number }[] {
    const prefix = `${name}\u0000`;
    return [...this.#values]
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => ({ labels: JSON.parse(key.slice(prefix.length)) as CounterLabels, value }));
  }

  /** Writes pending increments. */
  async flush(): Promise<void> {
    if (this.#dirty.size === 0) return;
    const pending = [...this.#dirty];
    this.#dirty.clear();
    try {
      await this.#db.batch(
        pending.map(([key, by]) => ({
          sql: `INSERT INTO srv_counters (name, labels, value) VALUES (?, ?, ?)
                ON CONFLICT (name, labels) DO UPDATE SET value = srv_counters.value + excluded.value`,
          params: [...key.split('\u0000'), by],
        })),
      );
    } catch (error) {
      // Not lost: put back for the next flush.
      for (const [key, by] of pending) this.#dirty.set(key, (this.#dirty.get(key) ?? 0) + by);
      throw error;
    }
  }
}

function sortKeys(labels: CounterLabels): CounterLabels {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}
