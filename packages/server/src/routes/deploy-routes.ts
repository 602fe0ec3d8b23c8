import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { assertCanaryExpressions } from '../deploy/check-canary.ts';
import { assertNoChannelConflicts } from '../deploy/check-channel-conflicts.ts';
import type { CanaryConfig } from '../deploy/deployment-repository.ts';
import { canarySchema, idParams } from './route-schemas.ts';

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

  app.post<{ Params: { id: string }; Body: { version: number; canary?: CanaryConfig } }>(
    '/api/flows/:id/deploy',
    {
      config: { access: 'deploy' },
      schema: {
        summary: 'Deploy a version, optionally with a canary',
        tags: ['deploy'],
        params: idParams,
        body: {
          type: 'object',
          required: ['version'],
          additionalProperties: false,
          properties: { version: { type: 'integer', minimum: 1 }, canary: canarySchema },
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { version, canary } = request.body;
      assertCanaryExpressions(canary);
      await ctx.flows.getVersion(id, version);
      if (canary) await ctx.flows.getVersion(id, canary.version);
      await assertNoChannelConflicts(ctx, id, canary ? [version, canary.version] : [version]);
      return changed({ deployment: await ctx.deployments.deploy(id, version, canary) });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/flows/:id/deploy/promote',
    {
      config: { access: 'deploy' },
      schema: { summary: 'Make the canary the main version', tags: ['deploy'], params: idParams },
    },
    async (request) => changed({ deployment: await ctx.deployments.promote(request.params.id) }),
  );

  app.post<{ Params: { id: string } }>(
    '/api/flows/:id/deploy/rollback',
    {
      config: { access: 'deploy' },
      schema: {
        summary: 'Drop the canary, or go back to the previous version',
        tags: ['deploy'],
        params: idParams,
      },
    },
    async (request) => {
      const { id } = request.params;
      const current = await ctx.deployments.find(id);
      // Going back to the previous version puts it live next to whatever was deployed since.
      if (current && !current.canary && current.previous !== undefined) {
        await assertNoChannelConflicts(ctx, id, [current.previous]);
      }
      return changed({ deployment: await ctx.deployments.rollback(id) });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/flows/:id/deploy',
    {
      config: { access: 'deploy' },
      schema: { summary: 'Undeploy a flow', tags: ['deploy'], params: idParams },
    },
    async (request, reply) => {
      await ctx.deployments.undeploy(request.params.id);
      await ctx.onDeploymentsChanged();
      return reply.status(204).send();
    },
  );
}
