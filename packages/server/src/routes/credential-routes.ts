import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { auditActor, recordAudit } from '../audit/record-audit.ts';
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
    async (request, reply) => {
      const credential = await ctx.vault.create(request.body);
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'credential.created',
        target: credential.id,
        detail: { kind: credential.kind, fields: Object.keys(request.body.data ?? {}) },
      });
      return reply.status(201).send({ credential });
    },
  );

  const update = async (request: FastifyRequest<{ Params: { id: string }; Body: CredentialInput }>) => {
    const before = await ctx.vault.get(request.params.id);
    const credential = await ctx.vault.update(request.params.id, request.body);
    // Field names only: a changed secret makes the change a rotation, its value is never recorded.
    const changed = Object.keys(request.body.data ?? {});
    const secret = new Set([...before.secretFields, ...credential.secretFields]);
    const rotated = changed.filter((name) => secret.has(name));
    await recordAudit(ctx.db, {
      actor: auditActor(request),
      action: rotated.length > 0 ? 'credential.rotated' : 'credential.updated',
      target: credential.id,
      detail: {
        fields: changed.filter((name) => !secret.has(name)),
        ...(rotated.length > 0 ? { rotated } : {}),
        ...(request.body.allowedHosts ? { allowedHosts: request.body.allowedHosts } : {}),
      },
    });
    return { credential };
  };
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
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'credential.deleted',
        target: request.params.id,
      });
      return reply.status(204).send();
    },
  );
}
