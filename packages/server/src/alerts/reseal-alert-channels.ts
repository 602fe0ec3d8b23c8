import type { ValueSealer } from '@junction/runtime';
import type { SqlDatabase } from '../db/sql-database.ts';

/**
 * Re-seals every alert rule's channels under a new master key (called by the master-key rotations
 * beside the credentials' reseal: the old key is dropped afterwards). One transaction; returns the
 * number of rules resealed.
 */
export async function resealAlertChannels(
  db: SqlDatabase,
  from: ValueSealer,
  to: ValueSealer,
): Promise<number> {
  const rows = await db.all<{ id: string; sealed_channels: string }>(
    'SELECT id, sealed_channels FROM srv_alert_rules',
  );
  await db.batch(
    rows.map((row) => ({
      sql: 'UPDATE srv_alert_rules SET sealed_channels = ? WHERE id = ?',
      params: [to.seal(from.open(row.sealed_channels)), row.id],
    })),
  );
  return rows.length;
}
