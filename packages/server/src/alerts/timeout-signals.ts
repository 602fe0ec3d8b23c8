import type { Engine, RunStore } from '@junction/runtime';
import type { Logger } from 'pino';
import type { SqlDatabase } from '../db/sql-database.ts';

const KEEP_MS = 7 * 24 * 3_600_000;

/**
 * Callback timeouts per flow, in `srv_alert_signals`: the engine tells the process that runs a
 * waiting node when its deadline passed (`node.resumed` with reason `timeout`); the row makes the
 * count visible to whichever process evaluates the alert rules.
 */
export class TimeoutSignals {
  constructor(private readonly db: SqlDatabase) {}

  /** Records one timeout of a flow's wait. */
  async record(flowId: string, at: number): Promise<void> {
    await this.db.run("INSERT INTO srv_alert_signals (flow_id, kind, at) VALUES (?, 'callback-timeout', ?)", [
      flowId,
      at,
    ]);
  }

  /** Timeouts of a flow since `since` (epoch ms). */
  async count(flowId: string, since: number): Promise<number> {
    const row = await this.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM srv_alert_signals WHERE flow_id = ? AND kind = 'callback-timeout' AND at >= ?",
      [flowId, since],
    );
    return Number(row?.n ?? 0);
  }

  /** Forgets timeouts older than any window a rule may use (a week). */
  async prune(now: number): Promise<void> {
    await this.db.run('DELETE FROM srv_alert_signals WHERE at < ?', [now - KEEP_MS]);
  }

  /** Records every deadline the engine of this process fires (test runs excluded); returns the unsubscribe. */
  watch(engine: Engine, store: RunStore, logger: Logger): () => void {
    return engine.on((event) => {
      if (event.type !== 'node.resumed' || event.reason !== 'timeout') return;
      const at = Date.now();
      void store
        .getRun(event.runId)
        .then((run) => (run && !run.test ? this.record(run.flowId, at) : undefined))
        .catch((error: unknown) =>
          logger.warn({ err: String(error) }, 'callback timeout not counted for alerts'),
        );
    });
  }
}
