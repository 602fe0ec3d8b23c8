import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { retentionSettingsSchema } from './retention-schemas.ts';

/** Health and Prometheus metrics. */
export function systemRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Liveness, and the limits every expression of a run evaluates under',
        tags: ['system'],
        response: {
          200: {
            type: 'object',
            required: ['status', 'expressionLimits'],
            properties: {
              status: { const: 'ok' },
              settings: {
                type: 'object',
                description: 'Server settings clients adapt to.',
                properties: {
                  requireTests: {
                    type: 'boolean',
                    description:
                      "--require-tests: a deploy runs the flow's stored tests first and is refused (409) when they fail or are missing.",
                  },
                  retention: retentionSettingsSchema,
                },
              },
              expressionLimits: {
                type: 'object',
                description:
                  'Set by --expression-timeout-ms, --expression-max-depth and --expression-max-sequence; a node may lower them.',
                required: ['timeoutMs', 'maxDepth', 'maxSequence'],
                properties: {
                  timeoutMs: { type: 'integer', description: 'Milliseconds of evaluation per expression.' },
                  maxDepth: { type: 'integer', description: 'Call depth.' },
                  maxSequence: { type: 'integer', description: 'Length of any sequence or range.' },
                },
              },
            },
          },
        },
      },
    },
    async () => {
      const { timeoutMs, maxDepth, maxSequence } = ctx.limits.expression;
      return {
        status: 'ok',
        settings: { requireTests: ctx.requireTests === true, retention: { ...ctx.retention.settings } },
        expressionLimits: { timeoutMs, maxDepth, maxSequence },
      };
    },
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
