import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { auditActor, recordAudit } from '../audit/record-audit.ts';
import { assertCanaryExpressions } from '../deploy/check-canary.ts';
import { assertNoChannelConflicts } from '../deploy/check-channel-conflicts.ts';
import { recordDeploymentEvent } from '../deploy/deployment-history.ts';
import type { CanaryConfig } from '../deploy/deployment-repository.ts';
import { DEFAULT_ENVIRONMENT } from '../environments/environment-names.ts';
import { assertTestsPass } from '../flow-tests/deploy-gate.ts';
import { environmentQuery } from './environment-routes.ts';
import { canarySchema, idParams } from './route-schemas.ts';

type EnvironmentQuery = { Querystring: { environment?: string } };

/**
 * Deploy, canary, promote, roll back, undeploy. Each change rebuilds the ingress indexes. A change
 * that puts a version live first checks its await nodes against the other deployed flows' channels
 * (409 `JX_CALLBACK_CHANNEL_CONFLICT`); promote and dropping a canary only narrow what was checked.
 */
export function deployRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const changed = async <T>(value: T): Promise<T> => {
    await ctx.onDeploymentsChanged();
    return value;
  };

  app.post<{
    Params: { id: string };
    Body: { version: number; canary?: CanaryConfig; environment?: string };
  }>(
    '/api/flows/:id/deploy',
    {
      config: { access: 'deploy' },
      schema: {
        summary: 'Deploy a version to an environment (default production), optionally with a canary',
        tags: ['deploy'],
        params: idParams,
        body: {
          type: 'object',
          required: ['version'],
          additionalProperties: false,
          properties: {
            version: { type: 'integer', minimum: 1 },
            canary: canarySchema,
            environment: environmentQuery.properties.environment,
          },
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { version, canary } = request.body;
      const environment = request.body.environment ?? DEFAULT_ENVIRONMENT;
      await ctx.environments.get(environment);
      assertCanaryExpressions(canary);
      await ctx.flows.getVersion(id, version);
      if (canary) await ctx.flows.getVersion(id, canary.version);
      await assertNoChannelConflicts(ctx, id, canary ? [version, canary.version] : [version]);
      // --require-tests: the stored tests pass against every version going live, results recorded.
      if (ctx.requireTests) await assertTestsPass(ctx, id, canary ? [version, canary.version] : [version]);
      const deployment = await ctx.deployments.deploy(id, version, canary, Date.now(), environment);
      await recordDeploymentEvent(ctx.db, {
        environment,
        flowId: id,
        action: 'deployed',
        version,
        ...(canary ? { canary } : {}),
        actor: auditActor(request),
      });
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'deployed',
        target: `${id}@${version}`,
        detail: {
          version,
          environment,
          ...(canary ? { canaryVersion: canary.version, canaryPercent: canary.percent } : {}),
        },
      });
      return changed({ deployment });
    },
  );

  app.post<{ Params: { id: string } } & EnvironmentQuery>(
    '/api/flows/:id/deploy/promote',
    {
      config: { access: 'deploy' },
      schema: {
        summary: 'Make the canary the main version',
        tags: ['deploy'],
        params: idParams,
        querystring: environmentQuery,
      },
    },
    async (request) => {
      const environment = request.query.environment ?? DEFAULT_ENVIRONMENT;
      const deployment = await ctx.deployments.promote(request.params.id, Date.now(), environment);
      await recordDeploymentEvent(ctx.db, {
        environment,
        flowId: request.params.id,
        action: 'promoted',
        version: deployment.version,
        reason: 'canary made main',
        actor: auditActor(request),
      });
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'promoted',
        target: `${request.params.id}@${deployment.version}`,
        detail: {
          version: deployment.version,
          ...(deployment.previous ? { previous: deployment.previous } : {}),
        },
      });
      return changed({ deployment });
    },
  );

  app.post<{ Params: { id: string } } & EnvironmentQuery>(
    '/api/flows/:id/deploy/rollback',
    {
      config: { access: 'deploy' },
      schema: {
        summary: 'Drop the canary, or go back to the previous version',
        tags: ['deploy'],
        params: idParams,
        querystring: environmentQuery,
      },
    },
    async (request) => {
      const { id } = request.params;
      const environment = request.query.environment ?? DEFAULT_ENVIRONMENT;
      const current = await ctx.deployments.find(id, environment);
      // Going back to the previous version puts it live next to whatever was deployed since.
      if (current && !current.canary && current.previous !== undefined) {
        await assertNoChannelConflicts(ctx, id, [current.previous]);
      }
      const deployment = await ctx.deployments.rollback(id, Date.now(), environment);
      await recordDeploymentEvent(ctx.db, {
        environment,
        flowId: id,
        action: 'rolled_back',
        version: deployment.version,
        actor: auditActor(request),
      });
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'rolled_back',
        target: `${id}@${deployment.version}`,
        detail: {
          version: deployment.version,
          droppedCanary: Boolean(current?.canary),
          ...(current ? { from: current.canary?.version ?? current.version } : {}),
        },
      });
      return changed({ deployment });
    },
  );

  app.delete<{ Params: { id: string } } & EnvironmentQuery>(
    '/api/flows/:id/deploy',
    {
      config: { access: 'deploy' },
      schema: {
        summary: 'Undeploy a flow (from one environment, default production)',
        tags: ['deploy'],
        params: idParams,
        querystring: environmentQuery,
      },
    },
    async (request, reply) => {
      const environment = request.query.environment ?? DEFAULT_ENVIRONMENT;
      await ctx.deployments.undeploy(request.params.id, environment);
      await recordDeploymentEvent(ctx.db, {
        environment,
        flowId: request.params.id,
        action: 'undeployed',
        version: null,
        actor: auditActor(request),
      });
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'undeployed',
        target: request.params.id,
      });
      await ctx.onDeploymentsChanged();
      return reply.status(204).send();
    },
  );
}
