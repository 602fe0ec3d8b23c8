import type { SqlDatabase } from '../db/sql-database.ts';
import type { RetentionSettings } from './retention-settings.ts';

/**
 * A flow's own retention. A field left out follows the server's default; `null` keeps forever
 * (no age limit, no cap); a number overrides the default.
 */
export interface RetentionPolicy {
  succeededDays?: number | null;
  failedDays?: number | null;
  maxRuns?: number | null;
}

/** A stored policy. */
export interface FlowRetentionPolicy extends RetentionPolicy {
  flowId: string;
  updatedAt: number;
}

/** What a flow's runs are kept by: its policy over the server's defaults. */
export type EffectiveRetention = Pick<RetentionSettings, 'succeededDays' | 'failedDays' | 'maxRuns'>;

/** The policy's fields over the defaults. */
export function effectiveRetention(
  defaults: RetentionSettings,
  policy: RetentionPolicy | undefined,
): EffectiveRetention {
  const pick = (key: keyof RetentionPolicy): number | null =>
    policy?.[key] !== undefined ? (policy[key] ?? null) : defaults[key];
  return { succeededDays: pick('succeededDays'), failedDays: pick('failedDays'), maxRuns: pick('maxRuns') };
}

/** Per-flow retention policies (`srv_retention_policies`; the policy kept as JSON so left-out and null differ). */
export class RetentionPolicyRepository {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** Every stored policy, by flow id. */
  async list(): Promise<FlowRetentionPolicy[]> {
    const rows = await this.#db.all<{ flow_id: string; policy: string; updated_at: number }>(
      'SELECT flow_id, policy, updated_at FROM srv_retention_policies ORDER BY flow_id',
    );
    return rows.map((row) => ({
      flowId: row.flow_id,
      ...(JSON.parse(row.policy) as RetentionPolicy),
      updatedAt: row.updated_at,
    }));
  }

  /** A flow's policy, if it has one. */
  async find(flowId: string): Promise<FlowRetentionPolicy | undefined> {
    const row = await this.#db.get<{ policy: string; updated_at: number }>(
      'SELECT policy, updated_at FROM srv_retention_policies WHERE flow_id = ?',
      [flowId],
    );
    return row
      ? { flowId, ...(JSON.parse(row.policy) as RetentionPolicy), updatedAt: row.updated_at }
      : undefined;
  }

  /** Sets (replaces) a flow's policy. */
  async put(flowId: string, policy: RetentionPolicy, now = Date.now()): Promise<FlowRetentionPolicy> {
    const kept: RetentionPolicy = {};
    for (const key of ['succeededDays', 'failedDays', 'maxRuns'] as const) {
      if (policy[key] !== undefined) kept[key] = policy[key];
    }
    await this.#db.run(
      `INSERT INTO srv_retention_policies (flow_id, policy, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (flow_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at`,
      [flowId, JSON.stringify(kept), now],
    );
    return { flowId, ...kept, updatedAt: now };
  }

  /** Drops a flow's policy (its runs follow the defaults again); false when it had none. */
  async delete(flowId: string): Promise<boolean> {
    return (await this.#db.run('DELETE FROM srv_retention_policies WHERE flow_id = ?', [flowId])) > 0;
  }
}
