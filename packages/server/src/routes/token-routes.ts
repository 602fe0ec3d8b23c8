import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { auditActor, recordAudit } from '../audit/record-audit.ts';
import { SCOPES } from '../auth/scopes.ts';
import { idParams } from './route-schemas.ts';

/** API tokens; managing them needs `admin`. */
export function tokenRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/tokens',
    {
      config: { access: 'admin' },
      schema: { summary: 'List tokens (never their values)', tags: ['tokens'] },
    },
    async () => ({ tokens: await ctx.tokens.list() }),
  );

  app.post<{ Body: { name: string; scopes: string[] } }>(
    '/api/tokens',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Create a token; its value is shown once',
        tags: ['tokens'],
        body: {
          type: 'object',
          required: ['name', 'scopes'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            scopes: { type: 'array', minItems: 1, items: { type: 'string', enum: [...SCOPES] } },
          },
        },
      },
    },
    async (request, reply) => {
      const { token, view } = await ctx.tokens.create(request.body.name, request.body.scopes);
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'token.created',
        target: view.id,
        detail: { name: view.name, scopes: view.scopes },
      });
      return reply.status(201).send({ token, ...view });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/tokens/:id',
    {
      config: { access: 'admin' },
      schema: { summary: 'Revoke a token', tags: ['tokens'], params: idParams },
    },
    async (request, reply) => {
      await ctx.tokens.delete(request.params.id);
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'token.revoked',
        target: request.params.id,
      });
      return reply.status(204).send();
    },
  );
}
