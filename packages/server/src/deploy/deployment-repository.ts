import { JunctionError } from '@junction/runtime';
import type { SqlDatabase } from '../db/sql-database.ts';

/** A canary: a share of traffic routed to another version. */
export interface CanaryConfig {
  version: number;
  /** 0..100 */
  percent: number;
  /** JSONata over the trigger payload; only payloads where it is true may go to the canary. */
  match?: string;
  /** JSONata over the trigger payload giving the routing key (default: the run id). */
  routingKey?: string;
}

/** What is live for a flow. */
export interface Deployment {
  version: number;
  canary?: CanaryConfig;
  /** The version that was live before, for rollback. */
  previous?: number;
  deployedAt: number;
}

interface Row {
  flow_id: string;
  version: number;
  canary: string | null;
  previous: number | null;
  deployed_at: number;
}

/**
 * Deployments: one row per deployed flow. Reads are served from memory (every webhook and run start
 * looks its flow's deployment up); the copy is dropped on every change made here and by
 * {@link forget}, which the server calls when another process announces a deploy change.
 */
export class DeploymentRepository {
  readonly #db: SqlDatabase;
  readonly #cache = new Map<string, Deployment | null>();

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** The deployment of a flow, or null. */
  async find(flowId: string): Promise<Deployment | null> {
    const cached = this.#cache.get(flowId);
    if (cached !== undefined) return cached;
    const row = await this.#db.get<Row>('SELECT * FROM srv_deployments WHERE flow_id = ?', [flowId]);
    const found = row ? toDeployment(row) : null;
    // Bounded: lookups of flows that are not deployed must not grow it without limit.
    if (this.#cache.size >= 10_000) this.#cache.clear();
    this.#cache.set(flowId, found);
    return found;
  }

  /** Drops the in-memory copies (after a deploy change made by another process). */
  forget(): void {
    this.#cache.clear();
  }

  /** Every deployment by flow id. */
  async all(): Promise<Map<string, Deployment>> {
    const rows = await this.#db.all<Row>('SELECT * FROM srv_deployments ORDER BY flow_id');
    return new Map(rows.map((r) => [r.flow_id, toDeployment(r)]));
  }

  /** Deploys `version` (with an optional canary); the version live before becomes `previous`. */
  async deploy(
    flowId: string,
    version: number,
    canary: CanaryConfig | undefined,
    now = Date.now(),
  ): Promise<Deployment> {
    const current = await this.find(flowId);
    const previous = current && current.version !== version ? current.version : (current?.previous ?? null);
    await this.#write(flowId, version, canary, previous, now);
    return (await this.find(flowId))!;
  }

  /** Makes the canary version the main version. */
  async promote(flowId: string, now = Date.now()): Promise<Deployment> {
    const current = await this.#require(flowId);
    if (!current.canary) {
      throw new JunctionError(
        'JX_DEPLOY_NO_CANARY',
        `Flow ${flowId} has no canary to promote; deploy one first.`,
        {
          flowId,
        },
      );
    }
    await this.#write(flowId, current.canary.version, undefined, current.version, now);
    return (await this.find(flowId))!;
  }

  /** Drops the canary if there is one, otherwise goes back to the previous version. */
  async rollback(flowId: string, now = Date.now()): Promise<Deployment> {
    const current = await this.#require(flowId);
    if (current.canary) {
      await this.#write(flowId, current.version, undefined, current.previous ?? null, now);
    } else if (current.previous !== undefined) {
      await this.#write(flowId, current.previous, undefined, null, now);
    } else {
      throw new JunctionError(
        'JX_DEPLOY_NO_PREVIOUS',
        `Flow ${flowId} has no canary and no previous version to roll back to.`,
        { flowId },
      );
    }
    return (await this.find(flowId))!;
  }

  /** Removes the deployment. */
  async undeploy(flowId: string): Promise<void> {
    await this.#require(flowId);
    await this.#db.run('DELETE FROM srv_deployments WHERE flow_id = ?', [flowId]);
    this.#cache.clear();
  }

  async #require(flowId: string): Promise<Deployment> {
    const found = await this.find(flowId);
    if (!found) {
      throw new JunctionError(
        'JX_FLOW_NOT_DEPLOYED',
        `Flow ${flowId} is not deployed; deploy a version first.`,
        {
          flowId,
        },
      );
    }
    return found;
  }

  async #write(
    flowId: string,
    version: number,
    canary: CanaryConfig | undefined,
    previous: number | null,
    now: number,
  ): Promise<void> {
    await this.#db.run(
      `INSERT INTO srv_deployments (flow_id, version, canary, previous, deployed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (flow_id) DO UPDATE SET version = excluded.version, canary = excluded.canary,
         previous = excluded.previous, deployed_at = excluded.deployed_at`,
      [flowId, version, canary ? JSON.stringify(canary) : null, previous, now],
    );
    this.#cache.clear();
  }
}

function toDeployment(row: Row): Deployment {
  return {
    version: row.version,
    ...(row.canary ? { canary: JSON.parse(row.canary) as CanaryConfig } : {}),
    ...(row.previous !== null ? { previous: row.previous } : {}),
    deployedAt: row.deployed_at,
  };
}
