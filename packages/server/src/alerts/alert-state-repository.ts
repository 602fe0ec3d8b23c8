import type { SqlDatabase } from '../db/sql-database.ts';

/** The de-duplication state of one rule for one subject (flow or credential). */
export interface AlertState {
  ruleId: string;
  subject: string;
  status: 'ok' | 'firing';
  value: number | null;
  /** When the current status began. */
  since: number;
  /** When the last notification (firing or reminder) was sent. */
  notifiedAt: number;
  /** When the value was last measured (balance checks run on their own interval). */
  checkedAt: number;
}

interface Row {
  rule_id: string;
  subject: string;
  status: 'ok' | 'firing';
  value: number | null;
  since: number;
  notified_at: number;
  checked_at: number;
}

/**
 * `srv_alert_state`. Transitions are compare-and-set updates, so when several processes evaluate
 * the same rule only the one whose update changed the row notifies: a firing alert notifies once.
 */
export class AlertStateRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** The state of a rule for a subject, if it was ever measured. */
  async find(ruleId: string, subject: string): Promise<AlertState | undefined> {
    const row = await this.db.get<Row>('SELECT * FROM srv_alert_state WHERE rule_id = ? AND subject = ?', [
      ruleId,
      subject,
    ]);
    return (
      row && {
        ruleId: row.rule_id,
        subject: row.subject,
        status: row.status,
        value: row.value,
        since: row.since,
        notifiedAt: row.notified_at,
        checkedAt: row.checked_at,
      }
    );
  }

  /** Records a measurement that changes nothing (same status). */
  async touch(ruleId: string, subject: string, value: number | null, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO srv_alert_state (rule_id, subject, status, value, since, notified_at, checked_at)
       VALUES (?, ?, 'ok', ?, ?, 0, ?)
       ON CONFLICT (rule_id, subject) DO UPDATE SET value = excluded.value, checked_at = excluded.checked_at`,
      [ruleId, subject, value, now, now],
    );
  }

  /** ok (or never seen) → firing; true when this call made the change. */
  async fire(ruleId: string, subject: string, value: number | null, now: number): Promise<boolean> {
    await this.db.run(
      `INSERT INTO srv_alert_state (rule_id, subject, status, value, since, notified_at, checked_at)
       VALUES (?, ?, 'ok', ?, ?, 0, ?) ON CONFLICT (rule_id, subject) DO NOTHING`,
      [ruleId, subject, value, now, now],
    );
    const changed = await this.db.run(
      `UPDATE srv_alert_state SET status = 'firing', value = ?, since = ?, notified_at = ?, checked_at = ?
       WHERE rule_id = ? AND subject = ? AND status = 'ok'`,
      [value, now, now, now, ruleId, subject],
    );
    return changed === 1;
  }

  /** A reminder is due: moves `notifiedAt` from `previous` to now; true when this call did. */
  async remind(ruleId: string, subject: string, previous: number, value: number | null, now: number) {
    const changed = await this.db.run(
      `UPDATE srv_alert_state SET notified_at = ?, value = ?, checked_at = ?
       WHERE rule_id = ? AND subject = ? AND status = 'firing' AND notified_at = ?`,
      [now, value, now, ruleId, subject, previous],
    );
    return changed === 1;
  }

  /** firing → ok; true when this call made the change. */
  async resolve(ruleId: string, subject: string, value: number | null, now: number): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE srv_alert_state SET status = 'ok', value = ?, since = ?, checked_at = ?
       WHERE rule_id = ? AND subject = ? AND status = 'firing'`,
      [value, now, now, ruleId, subject],
    );
    return changed === 1;
  }
}
