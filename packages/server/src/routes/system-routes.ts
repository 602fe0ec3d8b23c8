import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { credentialKinds } from '../integration/runtime-glue.ts';

/** Health, node types and Prometheus metrics. */
export function systemRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { summary: 'Liveness and engine availability', tags: ['system'] },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/api/node-types',
    {
      config: { access: 'flows:read' },
      schema: { summary: 'Node type and credential kind descriptors', tags: ['system'] },
    },
    async () => ({ nodeTypes: ctx.registry.descriptors(), credentialKinds: credentialKinds() }),
  );

  app.get(
    '/metrics',
    { config: { access: 'metrics:read' }, schema: { summary: 'Prometheus metrics', tags: ['metrics'] } },
    async (_request, reply) => {
      ctx.metrics.counters.flush();
      const text = await ctx.metrics.registry.metrics();
      return reply.type(ctx.metrics.registry.contentType).send(text);
    },
  );
}
