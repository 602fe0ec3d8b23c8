import { type Json, JunctionError, type RunHandle, timeOrderedId } from '@junction/runtime';
import type { ServerContext } from '../app/server-context.ts';
import { routeVersion } from '../deploy/canary-routing.ts';
import { applyEnvironment } from '../environments/apply-environment.ts';
import { DEFAULT_ENVIRONMENT } from '../environments/environment-names.ts';

/** A started run of a deployed flow. */
export interface DeployedRun {
  runId: string;
  version: number;
  canary: boolean;
  environment: string;
  handle: RunHandle;
}

/**
 * Starts a deployed flow: picks the version (canary routing by the payload), then starts the run
 * with that version's frozen document resolved for the environment (credential bindings, variables;
 * default production). The run records its environment in `tags.environment`. The run id is chosen
 * here because it is the default routing key.
 */
export async function startDeployedRun(
  ctx: ServerContext,
  flowId: string,
  input: Json,
  options: { triggerNodeId?: string; runId?: string; environment?: string } = {},
): Promise<DeployedRun> {
  const { engine } = ctx;
  const environmentName = options.environment ?? DEFAULT_ENVIRONMENT;
  const environment = await ctx.environments.get(environmentName);
  const deployment = await ctx.deployments.find(flowId, environmentName);
  if (!deployment) {
    await ctx.flows.get(flowId);
    const where = environmentName === DEFAULT_ENVIRONMENT ? '' : ` in ${environmentName}`;
    throw new JunctionError(
      'JX_FLOW_NOT_DEPLOYED',
      `Flow ${flowId} is not deployed${where}; deploy a version first.`,
      { flowId, environment: environmentName },
    );
  }
  const runId = options.runId ?? timeOrderedId();
  const decision = await routeVersion(deployment, input, runId, (error, canary) =>
    ctx.logger.warn(
      { flowId, runId, canary: { match: canary.match, routingKey: canary.routingKey }, err: String(error) },
      'canary expression failed; the run goes to the main version',
    ),
  );
  const document = applyEnvironment(await ctx.flows.getVersion(flowId, decision.version), environment);
  const tags: Record<string, Json> = decision.canary
    ? { environment: environmentName, canary: true, routingKey: decision.routingKey }
    : { environment: environmentName };
  const handle = await engine.start(document, {
    runId,
    input,
    flowVersion: decision.version,
    ...(options.triggerNodeId ? { triggerNodeId: options.triggerNodeId } : {}),
    tags,
  });
  return { runId, version: decision.version, canary: decision.canary, environment: environmentName, handle };
}
