import type { SqlDatabase } from '../db/sql-database.ts';
import type { AlertEvent, AlertEventType, DeliveryOutcome } from './alert-types.ts';

interface Row {
  id: number;
  rule_id: string;
  rule_name: string;
  subject: string;
  type: AlertEventType;
  value: number | null;
  threshold: number;
  at: number;
  deliveries: string;
  error: string | null;
}

/** A history query: by rule and time (`from` inclusive, `to` exclusive, epoch ms), newest first. */
export interface HistoryFilter {
  ruleId?: string;
  from?: number;
  to?: number;
  limit?: number;
}

/** `srv_alert_events`: firing, reminder, resolved and failed-check events with their delivery outcomes. */
export class AlertHistory {
  constructor(private readonly db: SqlDatabase) {}

  /** Appends an event; its deliveries are filled in by {@link AlertHistory.setDeliveries}. */
  async append(event: Omit<AlertEvent, 'id' | 'deliveries'>): Promise<number> {
    const row = await this.db.get<{ id: number }>(
      `INSERT INTO srv_alert_events (rule_id, rule_name, subject, type, value, threshold, at, deliveries, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?) RETURNING id`,
      [
        event.ruleId,
        event.ruleName,
        event.subject,
        event.type,
        event.value,
        event.threshold,
        event.at,
        event.error ? JSON.stringify(event.error) : null,
      ],
    );
    return Number(row?.id);
  }

  /** Records how the notifications of an event went. */
  async setDeliveries(id: number, deliveries: DeliveryOutcome[]): Promise<void> {
    await this.db.run('UPDATE srv_alert_events SET deliveries = ? WHERE id = ?', [
      JSON.stringify(deliveries),
      id,
    ]);
  }

  /** Events matching the filter, newest first (at most 500). */
  async list(filter: HistoryFilter = {}): Promise<AlertEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.ruleId) {
      where.push('rule_id = ?');
      params.push(filter.ruleId);
    }
    if (filter.from !== undefined) {
      where.push('at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('at < ?');
      params.push(filter.to);
    }
    const rows = await this.db.all<Row>(
      `SELECT * FROM srv_alert_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY at DESC, id DESC LIMIT ${Math.min(filter.limit ?? 100, 500)}`,
      params,
    );
    return rows.map((row) => ({
      id: Number(row.id),
      ruleId: row.rule_id,
      ruleName: row.rule_name,
      subject: row.subject,
      type: row.type,
      value: row.value === null ? null : Number(row.value),
      threshold: Number(row.threshold),
      at: Number(row.at),
      deliveries: JSON.parse(row.deliveries) as DeliveryOutcome[],
      ...(row.error ? { error: JSON.parse(row.error) as AlertEvent['error'] } : {}),
    }));
  }
}
