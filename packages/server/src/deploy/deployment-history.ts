import type { SqlDatabase } from '../db/sql-database.ts';
import type { CanaryConfig } from './deployment-repository.ts';

/** What a deployment history row records. */
export type DeploymentAction = 'deployed' | 'promoted' | 'rolled_back' | 'undeployed' | 'canary_rolled_back';

/** One change to what is live in an environment. */
export interface DeploymentEvent {
  id: number;
  environment: string;
  flowId: string;
  action: DeploymentAction;
  /** The main version afterwards (null after an undeploy). */
  version: number | null;
  canary?: CanaryConfig;
  /** Why, for automatic changes (the rollback rule's figures), or the environment promoted from. */
  reason?: string;
  /** Token name, or `junction` for automatic changes. */
  actor?: string;
  at: number;
}

interface Row {
  id: number;
  environment: string;
  flow_id: string;
  action: DeploymentAction;
  version: number | null;
  canary: string | null;
  reason: string | null;
  actor: string | null;
  at: number;
}

/** Appends one deployment change (`srv_deployment_history`, only ever inserted into). */
export async function recordDeploymentEvent(
  db: SqlDatabase,
  event: Omit<DeploymentEvent, 'id' | 'at'> & { at?: number },
): Promise<void> {
  await db.run(
    `INSERT INTO srv_deployment_history (environment, flow_id, action, version, canary, reason, actor, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      event.environment,
      event.flowId,
      event.action,
      event.version,
      event.canary ? JSON.stringify(event.canary) : null,
      event.reason ?? null,
      event.actor ?? null,
      event.at ?? Date.now(),
    ],
  );
}

/** A flow's deployment changes, newest first, optionally of one environment. */
export async function deploymentHistory(
  db: SqlDatabase,
  flowId: string,
  options: { environment?: string; limit?: number } = {},
): Promise<DeploymentEvent[]> {
  const params: unknown[] = [flowId];
  let where = 'flow_id = ?';
  if (options.environment) {
    where += ' AND environment = ?';
    params.push(options.environment);
  }
  const rows = await db.all<Row>(
    `SELECT * FROM srv_deployment_history WHERE ${where} ORDER BY id DESC LIMIT ${options.limit ?? 100}`,
    params,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    environment: r.environment,
    flowId: r.flow_id,
    action: r.action,
    version: r.version === null ? null : Number(r.version),
    ...(r.canary ? { canary: JSON.parse(r.canary) as CanaryConfig } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.actor ? { actor: r.actor } : {}),
    at: Number(r.at),
  }));
}
