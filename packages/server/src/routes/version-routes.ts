import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { assertValidFlow } from './flow-routes.ts';
import { idParams, optionalBody } from './route-schemas.ts';

/** Immutable numbered versions of a flow. */
export function versionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Params: { id: string }; Body: { note?: string } | undefined }>(
    '/api/flows/:id/versions',
    {
      preValidation: optionalBody,
      config: { access: 'flows:write' },
      schema: {
        summary: 'Save the working copy as the next version',
        tags: ['versions'],
        params: idParams,
        body: { type: 'object', properties: { note: { type: 'string', maxLength: 2000 } } },
      },
    },
    async (request, reply) => {
      // A version must run, so it is validated again (node types may have changed since the save).
      await assertValidFlow(ctx, (await ctx.flows.get(request.params.id)).flow);
      const created = await ctx.flows.createVersion(request.params.id, request.body?.note);
      return reply.status(201).send(created);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/flows/:id/versions',
    {
      config: { access: 'flows:read' },
      schema: { summary: 'List versions', tags: ['versions'], params: idParams },
    },
    async (request) => ({ versions: await ctx.flows.listVersions(request.params.id) }),
  );

  app.get<{ Params: { id: string; v: number } }>(
    '/api/flows/:id/versions/:v',
    {
      config: { access: 'flows:read' },
      schema: {
        summary: 'Read one version',
        tags: ['versions'],
        params: {
          type: 'object',
          required: ['id', 'v'],
          properties: { id: { type: 'string' }, v: { type: 'integer', minimum: 1 } },
        },
      },
    },
    async (request) => ({
      flow: await ctx.flows.getVersion(request.params.id, request.params.v),
      version: request.params.v,
    }),
  );
}
