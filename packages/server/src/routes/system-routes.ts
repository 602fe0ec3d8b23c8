import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';

/** Health and Prometheus metrics. */
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
    '/metrics',
    { config: { access: 'metrics:read' }, schema: { summary: 'Prometheus metrics', tags: ['metrics'] } },
    async (_request, reply) => {
      await ctx.metrics.refresh();
      const text = await ctx.metrics.registry.metrics();
      return reply.type(ctx.metrics.registry.contentType).send(text);
    },
  );
}
