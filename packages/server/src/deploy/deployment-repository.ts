import { JunctionError } from '@junction/runtime';
import type { SqlDatabase } from '../db/sql-database.ts';
import { DEFAULT_ENVIRONMENT } from '../environments/environment-names.ts';

/** A canary: a share of traffic routed to another version. */
export interface CanaryConfig {
  version: number;
  /** 0..100 */
  percent: number;
  /** JSONata over the trigger payload; only payloads where it is true may go to the canary. */
  match?: string;
  /** JSONata over the trigger payload giving the routing key (default: the run id). */
  routingKey?: string;
  /**
   * Automatic rollback: after each finished canary run, when the canary's failure rate exceeds the
   * main version's by more than `maxFailureRateDeltaPoints` percentage points over at least
   * `minRuns` canary runs (since this deploy), the canary is dropped.
   */
  rollback?: { maxFailureRateDeltaPoints: number; minRuns: number };
}

/** What is live for a flow. */
export interface Deployment {
  version: number;
  canary?: CanaryConfig;
  /** The version that was live before, for rollback. */
  previous?: number;
  deployedAt: number;
}

/** A deployment with the environment and flow it belongs to. */
export interface PlacedDeployment {
  environment: string;
  flowId: string;
  deployment: Deployment;
}

interface Row {
  environment: string;
  flow_id: string;
  version: number;
  canary: string | null;
  previous: number | null;
  deployed_at: number;
}

/**
 * Deployments: one row per deployed flow and environment (every method's `environment` defaults to
 * {@link DEFAULT_ENVIRONMENT}, which is what the server did before environments existed). Reads are served from memory (every webhook and run start
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
  async find(flowId: string, environment = DEFAULT_ENVIRONMENT): Promise<Deployment | null> {
    const cacheKey = `${environment}\u0000${flowId}`;
    const cached = this.#cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const row = await this.#db.get<Row>(
      'SELECT * FROM srv_deployments WHERE flow_id = ? AND environment = ?',
      [flowId, environment],
    );
    const found = row ? toDeployment(row) : null;
    // Bounded: lookups of flows that are not deployed must not grow it without limit.
    if (this.#cache.size >= 10_000) this.#cache.clear();
    this.#cache.set(cacheKey, found);
    return found;
  }

  /** Drops the in-memory copies (after a deploy change made by another process). */
  forget(): void {
    this.#cache.clear();
  }

  /** Every deployment of one environment (default: production) by flow id. */
  async all(environment = DEFAULT_ENVIRONMENT): Promise<Map<string, Deployment>> {
    const rows = await this.#db.all<Row>(
      'SELECT * FROM srv_deployments WHERE environment = ? ORDER BY flow_id',
      [environment],
    );
    return new Map(rows.map((r) => [r.flow_id, toDeployment(r)]));
  }

  /** Every deployment in every environment. */
  async everywhere(): Promise<PlacedDeployment[]> {
    const rows = await this.#db.all<Row>('SELECT * FROM srv_deployments ORDER BY environment, flow_id');
    return rows.map((r) => ({ environment: r.environment, flowId: r.flow_id, deployment: toDeployment(r) }));
  }

  /** Whether any flow is deployed in the environment. */
  async anyIn(environment: string): Promise<boolean> {
    return (await this.all(environment)).size > 0;
  }

  /** Deploys `version` (with an optional canary); the version live before becomes `previous`. */
  async deploy(
    flowId: string,
    version: number,
    canary: CanaryConfig | undefined,
    now = Date.now(),
    environment = DEFAULT_ENVIRONMENT,
  ): Promise<Deployment> {
    const current = await this.find(flowId, environment);
    const previous = current && current.version !== version ? current.version : (current?.previous ?? null);
    await this.#write(environment, flowId, version, canary, previous, now);
    return (await this.find(flowId, environment))!;
  }

  /** Makes the canary version the main version. */
  async promote(flowId: string, now = Date.now(), environment = DEFAULT_ENVIRONMENT): Promise<Deployment> {
    const current = await this.#require(flowId, environment);
    if (!current.canary) {
      throw new JunctionError(
        'JX_DEPLOY_NO_CANARY',
        `Flow ${flowId} has no canary to promote; deploy one first.`,
        {
          flowId,
        },
      );
    }
    await this.#write(environment, flowId, current.canary.version, undefined, current.version, now);
    return (await this.find(flowId, environment))!;
  }

  /** Drops the canary if there is one, otherwise goes back to the previous version. */
  async rollback(flowId: string, now = Date.now(), environment = DEFAULT_ENVIRONMENT): Promise<Deployment> {
    const current = await this.#require(flowId, environment);
    if (current.canary) {
      await this.#write(environment, flowId, current.version, undefined, current.previous ?? null, now);
    } else if (current.previous !== undefined) {
      await this.#write(environment, flowId, current.previous, undefined, null, now);
    } else {
      throw new JunctionError(
        'JX_DEPLOY_NO_PREVIOUS',
        `Flow ${flowId} has no canary and no previous version to roll back to.`,
        { flowId },
      );
    }
    return (await this.find(flowId, environment))!;
  }

  /** Removes the deployment. */
  async undeploy(flowId: string, environment = DEFAULT_ENVIRONMENT): Promise<void> {
    await this.#require(flowId, environment);
    await this.#db.run('DELETE FROM srv_deployments WHERE flow_id = ? AND environment = ?', [
      flowId,
      environment,
    ]);
    this.#cache.clear();
  }

  async #require(flowId: string, environment: string): Promise<Deployment> {
    const found = await this.find(flowId, environment);
    if (!found) {
      const where = environment === DEFAULT_ENVIRONMENT ? '' : ` in ${environment}`;
      throw new JunctionError(
        'JX_FLOW_NOT_DEPLOYED',
        `Flow ${flowId} is not deployed${where}; deploy a version first.`,
        { flowId, environment },
      );
    }
    return found;
  }

  async #write(
    environment: string,
    flowId: string,
    version: number,
    canary: CanaryConfig | undefined,
    previous: number | null,
    now: number,
  ): Promise<void> {
    await this.#db.run(
      `INSERT INTO srv_deployments (environment, flow_id, version, canary, previous, deployed_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (environment, flow_id) DO UPDATE SET version = excluded.version, canary = excluded.canary,
         previous = excluded.previous, deployed_at = excluded.deployed_at`,
      [environment, flowId, version, canary ? JSON.stringify(canary) : null, previous, now],
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
