import type { EngineEvent, RunRecord } from '@junction/runtime';
import type { ServerContext } from '../app/server-context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { DEFAULT_ENVIRONMENT } from '../environments/environment-names.ts';
import { canaryReport } from './canary-report.ts';
import { recordDeploymentEvent } from './deployment-history.ts';

/** The actor automatic changes are recorded under. */
export const AUTOMATIC_ACTOR = 'junction';

/**
 * Applies a canary's rollback rule after one of its runs finished: when the canary has at least
 * `minRuns` finished runs since the deploy and its failure rate exceeds main's by more than
 * `maxFailureRateDeltaPoints`, the canary is dropped (main only), recorded in the deployment history
 * (`canary_rolled_back`, with the figures) and the audit log, and the ingress indexes rebuilt.
 * Returns true when it rolled back.
 */
export async function judgeCanary(ctx: ServerContext, run: RunRecord): Promise<boolean> {
  if (run.test || run.tags?.canary !== true || run.flowVersion === null) return false;
  const environment = typeof run.tags.environment === 'string' ? run.tags.environment : DEFAULT_ENVIRONMENT;
  const deployment = await ctx.deployments.find(run.flowId, environment);
  const rule = deployment?.canary?.rollback;
  if (!deployment?.canary || !rule || deployment.canary.version !== run.flowVersion) return false;
  const report = await canaryReport(ctx.store, {
    flowId: run.flowId,
    environment,
    deployment,
    withJournals: false,
  });
  const canary = report.canary;
  if (!canary || canary.finished < rule.minRuns || report.failureRateDeltaPoints === null) return false;
  if (report.failureRateDeltaPoints <= rule.maxFailureRateDeltaPoints) return false;
  // Another process may have judged first: only drop the canary that was judged.
  const now = await ctx.deployments.find(run.flowId, environment);
  if (now?.canary?.version !== canary.version || now.deployedAt !== deployment.deployedAt) return false;
  const after = await ctx.deployments.rollback(run.flowId, Date.now(), environment);
  const reason =
    `canary v${canary.version} failed ${canary.failed} of ${canary.finished} runs ` +
    `(${canary.failureRate?.toFixed(1)}%), main v${report.main.version} ${report.main.failed} of ` +
    `${report.main.finished} (${(report.main.failureRate ?? 0).toFixed(1)}%): ` +
    `${report.failureRateDeltaPoints.toFixed(1)} points over the limit of ${rule.maxFailureRateDeltaPoints}`;
  await recordDeploymentEvent(ctx.db, {
    environment,
    flowId: run.flowId,
    action: 'canary_rolled_back',
    version: after.version,
    canary: deployment.canary,
    reason,
    actor: AUTOMATIC_ACTOR,
  });
  await recordAudit(ctx.db, {
    actor: AUTOMATIC_ACTOR,
    action: 'rolled_back',
    target: `${run.flowId}@${after.version}`,
    detail: {
      environment,
      automatic: true,
      canaryVersion: canary.version,
      canaryFailed: canary.failed,
      canaryFinished: canary.finished,
      deltaPoints: Math.round(report.failureRateDeltaPoints * 10) / 10,
    },
  });
  ctx.logger.warn({ flowId: run.flowId, environment, reason }, 'canary rolled back automatically');
  await ctx.onDeploymentsChanged();
  return true;
}

/**
 * Watches finished runs and judges their canary (see {@link judgeCanary}). Judgements of one flow
 * run one after another, so a burst of failures rolls back once. Returns the unsubscribe function.
 */
export function watchCanaryRollbacks(ctx: ServerContext): () => void {
  let queue: Promise<unknown> = Promise.resolve();
  return ctx.engine.on((event: EngineEvent) => {
    if (event.type !== 'run.completed' && event.type !== 'run.failed') return;
    if (event.run.tags?.canary !== true) return;
    const run = event.run;
    queue = queue
      .then(() => judgeCanary(ctx, run))
      .catch((error: unknown) =>
        ctx.logger.error({ flowId: run.flowId, err: String(error) }, 'canary judgement failed'),
      );
  });
}
