import { type Json, JunctionError, type RunHandle, timeOrderedId } from '@junction/runtime';
import type { ServerContext } from '../app/server-context.ts';
import { routeVersion } from '../deploy/canary-routing.ts';

/** A started run of a deployed flow. */
export interface DeployedRun {
  runId: string;
  version: number;
  canary: boolean;
  handle: RunHandle;
}

/**
 * Starts a deployed flow: picks the version (canary routing by the payload), then starts the run
 * with that version's frozen document. The run id is chosen here because it is the default routing key.
 */
export async function startDeployedRun(
  ctx: ServerContext,
  flowId: string,
  input: Json,
  options: { triggerNodeId?: string; runId?: string } = {},
): Promise<DeployedRun> {
  const { engine } = ctx;
  const deployment = await ctx.deployments.find(flowId);
  if (!deployment) {
    await ctx.flows.get(flowId);
    throw new JunctionError(
      'JX_FLOW_NOT_DEPLOYED',
      `Flow ${flowId} is not deployed; deploy a version first.`,
      {
        flowId,
      },
    );
  }
  const runId = options.runId ?? timeOrderedId();
  const decision = await routeVersion(deployment, input, runId, (error, canary) =>
    ctx.logger.warn(
      { flowId, runId, canary: { match: canary.match, routingKey: canary.routingKey }, err: String(error) },
      'canary expression failed; the run goes to the main version',
    ),
  );
  const document = await ctx.flows.getVersion(flowId, decision.version);
  const tags: Record<string, Json> = decision.canary ? { canary: true, routingKey: decision.routingKey } : {};
  const handle = await engine.start(document, {
    runId,
    input,
    flowVersion: decision.version,
    ...(options.triggerNodeId ? { triggerNodeId: options.triggerNodeId } : {}),
    ...(decision.canary ? { tags } : {}),
  });
  return { runId, version: decision.version, canary: decision.canary, handle };
}
