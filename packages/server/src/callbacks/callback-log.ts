import type { SqlDatabase } from '../db/sql-database.ts';

/** How a callback ended. `rejected` = bad signature; `unknown` = no deployed flow uses the channel. */
export type CallbackOutcome = 'matched' | 'early' | 'duplicate' | 'late' | 'rejected' | 'unknown';

/** Every outcome, in display order. */
export const CALLBACK_OUTCOMES: CallbackOutcome[] = [
  'matched',
  'early',
  'duplicate',
  'late',
  'rejected',
  'unknown',
];

/** One recorded callback. */
export interface CallbackRecord {
  id: number;
  channel: string;
  key: string | null;
  outcome: CallbackOutcome;
  runId?: string;
  at: number;
  reason?: string;
}

interface Row {
  id: number;
  channel: string;
  key: string | null;
  outcome: CallbackOutcome;
  run_id: string | null;
  reason: string | null;
  at: number;
}

/** The durable log of every callback that reached the server, whatever its outcome. */
export class CallbackLog {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** Appends one callback. */
  async record(entry: Omit<CallbackRecord, 'id' | 'at'> & { at?: number }): Promise<void> {
    await this.#db.run(
      'INSERT INTO srv_callbacks (channel, key, outcome, run_id, reason, at) VALUES (?, ?, ?, ?, ?, ?)',
      [
        entry.channel,
        entry.key,
        entry.outcome,
        entry.runId ?? null,
        entry.reason ?? null,
        entry.at ?? Date.now(),
      ],
    );
  }

  /** Newest first, filtered. */
  async list(filter: { channel?: string; outcome?: string; limit?: number } = {}): Promise<CallbackRecord[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.channel) {
      where.push('channel = ?');
      args.push(filter.channel);
    }
    if (filter.outcome) {
      where.push('outcome = ?');
      args.push(filter.outcome);
    }
    const sql = `SELECT * FROM srv_callbacks ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT ?`;
    const rows = await this.#db.all<Row>(sql, [...args, Math.min(filter.limit ?? 100, 1000)]);
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      key: r.key,
      outcome: r.outcome,
      ...(r.run_id ? { runId: r.run_id } : {}),
      at: r.at,
      ...(r.reason ? { reason: r.reason } : {}),
    }));
  }

  /** Count per outcome, optionally since a time. */
  async counts(since = 0): Promise<Record<CallbackOutcome, number>> {
    const rows = await this.#db.all<{ outcome: CallbackOutcome; n: number }>(
      'SELECT outcome, COUNT(*) AS n FROM srv_callbacks WHERE at >= ? GROUP BY outcome',
      [since],
    );
    const counts = Object.fromEntries(CALLBACK_OUTCOMES.map((o) => [o, 0])) as Record<
      CallbackOutcome,
      number
    >;
    for (const row of rows) counts[row.outcome] = row.n;
    return counts;
  }
}
