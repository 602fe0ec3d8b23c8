import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { auditActor, recordAudit } from '../audit/record-audit.ts';
import { FlowTestRepository } from '../flow-tests/flow-test-repository.ts';
import { assertValidFlow } from './flow-routes.ts';
import { idParams, optionalBody } from './route-schemas.ts';

/** Immutable numbered versions of a flow. */
export function versionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // Each version carries the last result of its flow tests (`tests`), once they ran against it.
  const testResults = new FlowTestRepository(ctx.db);
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
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'version.created',
        target: `${request.params.id}@${created.version}`,
        detail: { version: created.version, ...(request.body?.note ? { note: request.body.note } : {}) },
      });
      return reply.status(201).send(created);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/flows/:id/versions',
    {
      config: { access: 'flows:read' },
      schema: { summary: 'List versions', tags: ['versions'], params: idParams },
    },
    async (request) => {
      const versions = await ctx.flows.listVersions(request.params.id);
      const tests = await testResults.summaries(request.params.id);
      return {
        versions: versions.map((v) => {
          const summary = tests.get(v.version);
          return summary ? { ...v, tests: summary } : v;
        }),
      };
    },
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
    async (request) => {
      const { id, v } = request.params;
      const flow = await ctx.flows.getVersion(id, v);
      const tests = await testResults.summary(id, v);
      return { flow, version: v, ...(tests ? { tests } : {}) };
    },
  );
}
