import { type FlowDocument, JunctionError } from '@junction/runtime';
import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { auditActor, recordAudit } from '../audit/record-audit.ts';
import { channelConflictWarnings } from '../deploy/check-channel-conflicts.ts';
import { validateFlow } from '../integration/runtime-glue.ts';
import { flowBody, idParams } from './route-schemas.ts';

/** Every problem of a document, with credential kinds checked against the vault. */
export async function flowProblems(ctx: ServerContext, flow: unknown) {
  const kinds = await ctx.vault.kinds();
  return validateFlow(flow, ctx.registry, (id) => kinds.get(id));
}

/** Throws `JX_FLOW_INVALID` (422) listing every problem. */
export async function assertValidFlow(ctx: ServerContext, flow: unknown): Promise<FlowDocument> {
  const problems = await flowProblems(ctx, flow);
  if (problems.length > 0) {
    throw new JunctionError(
      'JX_FLOW_INVALID',
      `The flow has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems[0]!.message}`,
      { problems },
    );
  }
  return flow as FlowDocument;
}

/** Flow working copies: list, read, save, validate, delete. */
export function flowRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const summary = async (id: string) => ({
    latestVersion: await ctx.flows.latestVersion(id),
    deployment: await ctx.deployments.find(id),
  });

  app.get(
    '/api/flows',
    { config: { access: 'flows:read' }, schema: { summary: 'List flows', tags: ['flows'] } },
    async () => ({
      flows: await Promise.all(
        (await ctx.flows.list()).map(async ({ flow, updatedAt }) => ({
          id: flow.id,
          name: flow.name,
          ...(flow.description ? { description: flow.description } : {}),
          updatedAt,
          ...(await summary(flow.id)),
        })),
      ),
    }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/flows/:id',
    {
      config: { access: 'flows:read' },
      schema: { summary: 'Read a flow', tags: ['flows'], params: idParams },
    },
    async (request) => {
      const { flow, updatedAt } = await ctx.flows.get(request.params.id);
      return { flow, updatedAt, ...(await summary(flow.id)) };
    },
  );

  app.put<{ Params: { id: string }; Body: FlowDocument }>(
    '/api/flows/:id',
    {
      config: { access: 'flows:write' },
      schema: { summary: 'Create or replace a flow', tags: ['flows'], params: idParams, body: flowBody },
    },
    async (request) => {
      if (request.body.id !== request.params.id) {
        throw new JunctionError(
          'JX_FLOW_ID_MISMATCH',
          `The document's id (${request.body.id}) differs from the URL (${request.params.id}); they must match.`,
          { bodyId: request.body.id, urlId: request.params.id },
        );
      }
      const flow = await assertValidFlow(ctx, request.body);
      const stored = await ctx.flows.save(flow);
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'flow.saved',
        target: flow.id,
        detail: { nodes: flow.nodes.length },
      });
      return { flow: stored.flow, updatedAt: stored.updatedAt };
    },
  );

  app.post<{ Params: { id: string }; Body: unknown }>(
    '/api/flows/:id/validate',
    {
      config: { access: 'flows:read' },
      schema: {
        summary: 'Validate a flow document without saving',
        description:
          'Every problem of the document; problems with `severity: "warning"` (e.g. JX_CALLBACK_CHANNEL_CONFLICT) do not block saving.',
        tags: ['flows'],
        params: idParams,
        body: { type: 'object' },
      },
    },
    async (request) => {
      const problems = await flowProblems(ctx, request.body);
      const warnings = await channelConflictWarnings(ctx, request.params.id, request.body as FlowDocument);
      return { problems: [...problems, ...warnings] };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/flows/:id',
    {
      config: { access: 'flows:write' },
      schema: { summary: 'Delete a flow, its versions and deployment', tags: ['flows'], params: idParams },
    },
    async (request, reply) => {
      await ctx.flows.delete(request.params.id);
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'flow.deleted',
        target: request.params.id,
      });
      await ctx.onDeploymentsChanged();
      return reply.status(204).send();
    },
  );
}
