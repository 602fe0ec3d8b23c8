import type { Database } from 'better-sqlite3';

/** A counter key: metric name plus its labels. */
export type CounterLabels = Record<string, string>;

/**
 * Counters that survive restarts: increments are summed in memory and written in one transaction
 * per flush (every second and on close), so the hot path never waits on SQLite.
 */
export class PersistentCounters {
  readonly #db: Database;
  readonly #values = new Map<string, number>();
  readonly #dirty = new Map<string, number>();

  constructor(db: Database) {
    this.#db = db;
    const rows = this.#db.prepare('SELECT name, labels, value FROM srv_counters').all() as {
      name: string;
      labels: string;
      value: number;
    }[];
    for (const row of rows) this.#values.set(`${row.name}\u0000${row.labels}`, row.value);
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
  flush(): void {
    if (this.#dirty.size === 0) return;
    const pending = [...this.#dirty];
    this.#dirty.clear();
    const stmt = this.#db.prepare(
      `INSERT INTO srv_counters (name, labels, value) VALUES (?, ?, ?)
       ON CONFLICT (name, labels) DO UPDATE SET value = value + excluded.value`,
    );
    this.#db.transaction(() => {
      for (const [key, by] of pending) {
        const [name, labels] = key.split('\u0000') as [string, string];
        stmt.run(name, labels, by);
      }
    })();
  }
}

function sortKeys(labels: CounterLabels): CounterLabels {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}
