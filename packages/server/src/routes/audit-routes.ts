import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { AUDIT_ACTIONS } from '../audit/audit-actions.ts';
import { type AuditFilter, listAudit } from '../audit/list-audit.ts';

const entrySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    at: { type: 'integer', description: 'Epoch ms.' },
    actor: { type: 'string', description: "The API token's name, or `admin` / `cli`." },
    action: { type: 'string', enum: [...AUDIT_ACTIONS] },
    target: { type: 'string', description: 'A flow id, `flow@version`, a credential id, a token id…' },
    detail: { type: 'object', additionalProperties: true },
  },
} as const;

/**
 * The audit log, read-only: there is no route that changes or deletes an entry. Reading it needs
 * `audit:read` (or `admin`): it names every token and credential, more than `flows:read` shows.
 */
export function auditRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: AuditFilter }>(
    '/api/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        summary: 'The audit log, newest first: who changed what and when',
        tags: ['audit'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            actor: { type: 'string', minLength: 1, maxLength: 200 },
            action: { type: 'string', enum: [...AUDIT_ACTIONS] },
            target: {
              type: 'string',
              minLength: 1,
              maxLength: 300,
              description: 'A target exactly; a flow id also finds its versions (`shop` finds `shop@3`).',
            },
            from: { type: 'integer', minimum: 0, description: 'Epoch ms, inclusive.' },
            to: { type: 'integer', minimum: 0, description: 'Epoch ms, exclusive.' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            cursor: {
              type: 'string',
              pattern: '^[0-9]{1,19}$',
              description: 'nextCursor of the previous page.',
            },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              entries: { type: 'array', items: entrySchema },
              nextCursor: { type: ['string', 'null'] },
            },
          },
        },
      },
    },
    async (request) => listAudit(ctx.db, request.query),
  );
}
