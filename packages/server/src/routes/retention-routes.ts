import { JunctionError } from '@junction/runtime';
import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { effectiveRetention, type RetentionPolicy } from '../retention/retention-policies.ts';
import { purgeReportSchema, retentionPolicyBody, retentionSettingsSchema } from './retention-schemas.ts';
import { idParams, optionalBody } from './route-schemas.ts';

const policyView = {
  type: 'object',
  required: ['flowId', 'policy', 'effective'],
  properties: {
    flowId: { type: 'string' },
    policy: { ...retentionPolicyBody, description: 'The flow’s own policy ({} when it has none).' },
    updatedAt: { type: 'integer' },
    effective: {
      ...retentionPolicyBody,
      description: 'What its runs are kept by: the policy over the server defaults.',
    },
  },
} as const;

/**
 * Retention: the defaults and per-flow policies (read with `flows:read`, set with `flows:write`) and
 * a purge on request (`admin`), the same one the server runs on its interval.
 */
export function retentionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const view = (flowId: string, found: (RetentionPolicy & { updatedAt?: number }) | undefined) => {
    const { updatedAt, ...policy } = found ?? {};
    const own: RetentionPolicy = {};
    for (const key of ['succeededDays', 'failedDays', 'maxRuns'] as const) {
      if (key in policy) own[key] = (policy as RetentionPolicy)[key];
    }
    return {
      flowId,
      policy: own,
      ...(updatedAt !== undefined ? { updatedAt } : {}),
      effective: effectiveRetention(ctx.retention.settings, own),
    };
  };

  app.get(
    '/api/retention',
    {
      config: { access: 'flows:read' },
      schema: {
        summary: 'Retention defaults and every per-flow policy',
        tags: ['retention'],
        response: {
          200: {
            type: 'object',
            required: ['defaults', 'policies'],
            properties: { defaults: retentionSettingsSchema, policies: { type: 'array', items: policyView } },
          },
        },
      },
    },
    async () => {
      const policies = await ctx.retention.policies.list();
      return {
        defaults: { ...ctx.retention.settings },
        policies: policies.map((policy) => view(policy.flowId, policy)),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/retention/flows/:id',
    {
      config: { access: 'flows:read' },
      schema: {
        summary: 'A flow’s retention: its own policy and the effective one',
        tags: ['retention'],
        params: idParams,
        response: { 200: policyView },
      },
    },
    async (request) => {
      await ctx.flows.get(request.params.id);
      return view(request.params.id, await ctx.retention.policies.find(request.params.id));
    },
  );

  app.put<{ Params: { id: string }; Body: RetentionPolicy }>(
    '/api/retention/flows/:id',
    {
      config: { access: 'flows:write' },
      schema: {
        summary: 'Set a flow’s retention policy (fields left out follow the defaults; null keeps forever)',
        tags: ['retention'],
        params: idParams,
        body: retentionPolicyBody,
        response: { 200: policyView },
      },
    },
    async (request) => {
      await ctx.flows.get(request.params.id);
      return view(request.params.id, await ctx.retention.policies.put(request.params.id, request.body));
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/retention/flows/:id',
    {
      config: { access: 'flows:write' },
      schema: {
        summary: 'Drop a flow’s retention policy: its runs follow the defaults again',
        tags: ['retention'],
        params: idParams,
      },
    },
    async (request, reply) => {
      if (!(await ctx.retention.policies.delete(request.params.id))) {
        throw new JunctionError(
          'JX_RETENTION_POLICY_NOT_FOUND',
          `Flow ${request.params.id} has no retention policy of its own; it follows the defaults.`,
          { flowId: request.params.id },
        );
      }
      return reply.status(204).send();
    },
  );

  app.post<{ Body: { compact?: boolean } }>(
    '/api/retention/purge',
    {
      preValidation: optionalBody,
      config: { access: 'admin' },
      schema: {
        summary:
          'Purge now: finished runs past their retention with their journals, the callback log and markers, expired cache rows; then reclaim space',
        tags: ['retention'],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            compact: {
              type: 'boolean',
              description:
                'Give freed space back (SQLite incremental vacuum, PostgreSQL VACUUM). Default true.',
            },
          },
        },
        response: { 200: purgeReportSchema },
      },
    },
    async (request) => ctx.retention.purge({ compact: request.body.compact ?? true }),
  );
}
