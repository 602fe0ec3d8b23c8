import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import type { CredentialInput } from '../vault/credential-vault.ts';
import { idParams } from './route-schemas.ts';

const credentialBody = (required: string[]) =>
  ({
    type: 'object',
    required,
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$' },
      name: { type: 'string', minLength: 1, maxLength: 200 },
      kind: { type: 'string', minLength: 1, maxLength: 100 },
      allowedHosts: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        maxItems: 100,
        description:
          'Hosts the credential may be sent to (`*.example.com` for subdomains, `*` for any host).',
      },
      data: {
        type: 'object',
        description: 'Field values; secret fields are write-only. A field set to null is removed.',
      },
    },
  }) as const;

/** Credentials: secret fields go in, never come out. */
export function credentialRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/credentials',
    {
      config: { access: 'flows:read' },
      schema: { summary: 'List credentials (no secret values)', tags: ['credentials'] },
    },
    async () => ({ credentials: await ctx.vault.list() }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/credentials/:id',
    {
      config: { access: 'flows:read' },
      schema: { summary: 'One credential (no secret values)', tags: ['credentials'], params: idParams },
    },
    async (request) => ({ credential: await ctx.vault.get(request.params.id) }),
  );

  app.post<{ Body: CredentialInput }>(
    '/api/credentials',
    {
      config: { access: 'credentials:write' },
      schema: {
        summary:
          'Create a credential (fields checked against the kind; at least one allowed host, "*" = any)',
        tags: ['credentials'],
        body: credentialBody(['name', 'kind']),
      },
    },
    async (request, reply) => reply.status(201).send({ credential: await ctx.vault.create(request.body) }),
  );

  const update = async (request: { params: { id: string }; body: CredentialInput }) => ({
    credential: await ctx.vault.update(request.params.id, request.body),
  });
  for (const method of ['PUT', 'PATCH'] as const) {
    app.route<{ Params: { id: string }; Body: CredentialInput }>({
      method,
      url: '/api/credentials/:id',
      config: { access: 'credentials:write' },
      schema: {
        summary: 'Update a credential (secrets left out keep their value)',
        tags: ['credentials'],
        params: idParams,
        body: credentialBody([]),
      },
      handler: update,
    });
  }

  app.delete<{ Params: { id: string } }>(
    '/api/credentials/:id',
    {
      config: { access: 'credentials:write' },
      schema: { summary: 'Delete a credential', tags: ['credentials'], params: idParams },
    },
    async (request, reply) => {
      await ctx.vault.delete(request.params.id);
      return reply.status(204).send();
    },
  );
}
