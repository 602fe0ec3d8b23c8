import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { buildStats } from '../metrics/build-stats.ts';

/** `GET /api/stats`: the dashboard's JSON. */
export function statsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { flowId?: string; since?: number } }>(
    '/api/stats',
    {
      config: { access: 'metrics:read' },
      schema: {
        summary: 'Runs, node calls/errors/latency percentiles (ms), callbacks and recent failures',
        tags: ['metrics'],
        querystring: {
          type: 'object',
          properties: { flowId: { type: 'string' }, since: { type: 'integer', description: 'Epoch ms.' } },
        },
      },
    },
    async (request) => buildStats(ctx.metrics, ctx.store, ctx.callbackLog, request.query),
  );
}
