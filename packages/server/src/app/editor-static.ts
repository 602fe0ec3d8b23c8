import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './error-handler.ts';
import type {} from './fastify-augmentations.ts';

/**
 * Serves the built editor at `/` with an SPA fallback: unknown non-API GETs get `index.html`, so
 * deep links work. Without a build, `/` explains how to make one. A known path asked with a method it
 * does not serve answers 405 with `Allow`; anything else 404.
 */
export async function installEditor(
  app: FastifyInstance,
  editorDir: string | undefined,
  allowedMethods: (path: string) => string[] = () => [],
): Promise<void> {
  const hasBuild = editorDir !== undefined && existsSync(join(editorDir, 'index.html'));
  if (hasBuild) {
    await app.register(async (scope) => {
      // Static files hold no data: they need no token.
      scope.addHook('onRoute', (route) => {
        route.config = { ...(route.config as object), access: 'public' };
      });
      await scope.register(fastifyStatic, { root: editorDir, prefix: '/' });
    });
  } else {
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/plain')
        .send(
          'Junction server is running. Build the editor (pnpm --filter @junction/editor build) to use it here.\n',
        ),
    );
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi = /^\/(api|hooks|callbacks|metrics)(\/|$)/.test(path);
    if (hasBuild && request.method === 'GET' && !isApi) return reply.sendFile('index.html');
    const allowed = allowedMethods(path);
    if (allowed.length > 0) {
      return reply
        .status(405)
        .header('allow', allowed.join(', '))
        .send(
          errorBody(
            'JX_METHOD_NOT_ALLOWED',
            `${path} does not accept ${request.method}; use ${allowed.join(', ')}.`,
            {
              method: request.method,
              path,
              allowed,
            },
          ),
        );
    }
    return reply.status(404).send(
      errorBody('JX_NOT_FOUND', `Nothing is served at ${request.method} ${path}.`, {
        method: request.method,
        path,
      }),
    );
  });
}
