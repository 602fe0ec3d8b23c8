import type { Logger } from 'pino';
import type { SqlDatabase } from '../db/sql-database.ts';
import type { DeployedDocument } from '../deploy/deployed-documents.ts';
import { nextScheduleTimes } from '../integration/runtime-glue.ts';

/** A deployed `trigger.schedule` node. */
interface ScheduleEntry {
  flowId: string;
  nodeId: string;
  config: Record<string, unknown>;
}

/** Starts one scheduled run; must be idempotent per `runId`. */
export type FireSchedule = (entry: {
  flowId: string;
  nodeId: string;
  dueAt: number;
  runId: string;
}) => Promise<void>;

/**
 * Fires deployed schedule triggers. The next fire time of each (flow, node) lives in `srv_schedules`.
 * A fire starts the run under a deterministic id (`schedule:<flow>:<node>:<dueAt>`) *before* the row
 * advances: a crash in between makes the next start hit `JX_RUN_EXISTS` (no double), and a crash
 * before the start leaves the row due (no loss). Fires missed while the server was down run once,
 * then the schedule continues from now.
 */
export class Scheduler {
  readonly #db: SqlDatabase;
  readonly #fire: FireSchedule;
  readonly #log: Logger;
  #entries: ScheduleEntry[] = [];
  #timer: NodeJS.Timeout | undefined;
  #ticking = false;
  #stopped = false;

  constructor(db: SqlDatabase, fire: FireSchedule, log: Logger) {
    this.#db = db;
    this.#fire = fire;
    this.#log = log;
  }

  /** Re-reads deployed schedules; new ones get their first fire time, removed ones are forgotten. */
  async rebuild(documents: DeployedDocument[], now = Date.now()): Promise<void> {
    const entries: ScheduleEntry[] = [];
    for (const { flowId, document, canary } of documents) {
      if (canary) continue;
      for (const node of document.nodes) {
        if (node.type === 'trigger.schedule' && !node.disabled)
          entries.push({ flowId, nodeId: node.id, config: node.config });
      }
    }
    const keep = new Set(entries.map((e) => `${e.flowId}\u0000${e.nodeId}`));
    const rows = await this.#db.all<{ flow_id: string; node_id: string }>(
      'SELECT flow_id, node_id FROM srv_schedules',
    );
    for (const row of rows) {
      if (!keep.has(`${row.flow_id}\u0000${row.node_id}`)) {
        await this.#db.run('DELETE FROM srv_schedules WHERE flow_id = ? AND node_id = ?', [
          row.flow_id,
          row.node_id,
        ]);
      }
    }
    const planned: ScheduleEntry[] = [];
    for (const entry of entries) {
      try {
        const [next] = nextScheduleTimes(entry.config as never, now, 1);
        if (next !== undefined) {
          await this.#db.run(
            'INSERT INTO srv_schedules (flow_id, node_id, next_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
            [entry.flowId, entry.nodeId, next],
          );
        }
        planned.push(entry);
      } catch (error) {
        this.#log.warn(
          { flowId: entry.flowId, nodeId: entry.nodeId, err: String(error) },
          'schedule not planned',
        );
      }
    }
    this.#entries = planned;
  }

  /** Starts the loop (checks every `intervalMs`). */
  start(intervalMs = 500): void {
    this.#stopped = false;
    let failures = 0;
    const loop = () => {
      if (this.#stopped) return;
      this.tick()
        .then(
          () => {
            failures = 0;
          },
          (error: unknown) => {
            // The database is down or restarting: log once per streak, back off, try again.
            if (failures++ === 0) this.#log.warn({ err: String(error) }, 'schedules not checked; retrying');
          },
        )
        .finally(() => {
          const delay = Math.min(intervalMs * 2 ** Math.min(failures, 5), 10_000);
          if (!this.#stopped) this.#timer = setTimeout(loop, delay).unref();
        });
    };
    loop();
  }

  /** Stops the loop. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
  }

  /** Fires every due schedule once. */
  async tick(now = Date.now()): Promise<number> {
    if (this.#ticking) return 0;
    this.#ticking = true;
    let fired = 0;
    try {
      const due = await this.#db.all<{ flow_id: string; node_id: string; next_at: number }>(
        'SELECT flow_id, node_id, next_at FROM srv_schedules WHERE next_at <= ?',
        [now],
      );
      for (const row of due) {
        const entry = this.#entries.find((e) => e.flowId === row.flow_id && e.nodeId === row.node_id);
        if (!entry) continue;
        const runId = `schedule:${row.flow_id}:${row.node_id}:${row.next_at}`;
        try {
          await this.#fire({ flowId: row.flow_id, nodeId: row.node_id, dueAt: row.next_at, runId });
          fired += 1;
        } catch (error) {
          if ((error as { code?: string }).code !== 'JX_RUN_EXISTS') {
            this.#log.error(
              { flowId: row.flow_id, nodeId: row.node_id, err: String(error) },
              'scheduled run failed to start',
            );
          }
        }
        const [next] = nextScheduleTimes(entry.config as never, Math.max(now, row.next_at), 1);
        await this.#db.run(
          'UPDATE srv_schedules SET next_at = ? WHERE flow_id = ? AND node_id = ? AND next_at = ?',
          [next ?? Number.MAX_SAFE_INTEGER, row.flow_id, row.node_id, row.next_at],
        );
      }
    } finally {
      this.#ticking = false;
    }
    return fired;
  }
}
