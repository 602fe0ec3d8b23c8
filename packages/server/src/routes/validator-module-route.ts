import { validatorModuleSource } from '@junction/runtime';
import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';

/**
 * `GET /api/node-types/validators.js`: the flow schema's and every node type's config validator
 * as an ES module compiled here (ajv standalone code), which the editor imports from its own origin
 * so that its Content-Security-Policy needs no `'unsafe-eval'` (ajv would otherwise generate code
 * with `new Function` in the browser). The editor loads it with `?access_token=`, as a module
 * import cannot send a header; never cached, as it is per server and per token.
 */
export function validatorModuleRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/node-types/validators.js',
    {
      config: { access: 'flows:read' },
      schema: {
        summary: 'Compiled validators of the flow schema and node config schemas (ES module for the editor)',
        tags: ['system'],
      },
    },
    async (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(validatorModuleSource(ctx.registry.descriptors().map((descriptor) => descriptor.config))),
  );
}
