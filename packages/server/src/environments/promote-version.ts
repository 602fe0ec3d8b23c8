import { JunctionError } from '@junction/runtime';
import type { ServerContext } from '../app/server-context.ts';
import { assertNoChannelConflicts } from '../deploy/check-channel-conflicts.ts';
import type { Deployment } from '../deploy/deployment-repository.ts';

/** A request to promote what is live in one environment to another. */
export interface PromoteRequest {
  from: string;
  to: string;
  /** When true, a succeeded test run of the version in `from` must be on record (409 otherwise). */
  requireTestRun?: boolean;
}

/**
 * The id of a succeeded test run of `version` of a flow in an environment, or undefined. Test runs
 * of a stored version (`POST /api/test-runs {flowId, version}`) carry `tags.version` and
 * `tags.environment`; runs of unsaved editor documents carry no version and never count.
 */
export async function passingTestRun(
  ctx: ServerContext,
  flowId: string,
  version: number,
  environment: string,
): Promise<string | undefined> {
  const runs = await ctx.store.listRuns({ flowId, environment, test: true, status: 'succeeded', limit: 500 });
  return runs.find((run) => run.tags?.version === version)?.id;
}

/**
 * Copies the main version deployed in `from` to `to` (no canary: the target starts clean), after
 * the optional test-run gate and the channel check. Returns the new deployment and the gate's run.
 */
export async function promoteVersion(
  ctx: ServerContext,
  flowId: string,
  request: PromoteRequest,
): Promise<{ version: number; deployment: Deployment; testRunId?: string }> {
  const { from, to } = request;
  await ctx.flows.get(flowId);
  await ctx.environments.get(from);
  await ctx.environments.get(to);
  if (from === to) {
    throw new JunctionError(
      'JX_PROMOTE_SAME_ENVIRONMENT',
      `Promotion goes from one environment to another; both are ${from}.`,
      { from, to },
    );
  }
  const source = await ctx.deployments.find(flowId, from);
  if (!source) {
    throw new JunctionError(
      'JX_FLOW_NOT_DEPLOYED',
      `Flow ${flowId} is not deployed in ${from}; deploy a version there before promoting it.`,
      { flowId, environment: from },
    );
  }
  const version = source.version;
  let testRunId: string | undefined;
  if (request.requireTestRun) {
    testRunId = await passingTestRun(ctx, flowId, version, from);
    if (!testRunId) {
      throw new JunctionError(
        'JX_PROMOTE_TEST_RUN_MISSING',
        `Version ${version} of flow ${flowId} has no succeeded test run in ${from}; run one (POST /api/test-runs with flowId, version and environment ${from}) before promoting it to ${to}.`,
        { flowId, version, from, to },
      );
    }
  }
  await assertNoChannelConflicts(ctx, flowId, [version]);
  const deployment = await ctx.deployments.deploy(flowId, version, undefined, Date.now(), to);
  return { version, deployment, ...(testRunId ? { testRunId } : {}) };
}
